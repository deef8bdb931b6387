package io.portico.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import io.portico.tenant.Industry;

/**
 * Small real files for the demo projects, made on the spot: a one-page PDF inspection
 * report for the builder, a PNG homepage mockup for the agency, a CSV migration report
 * for the onboarding team. Each is tied to the milestone whose completion releases it.
 *
 * @param name the document's name
 * @param kind what sort of document it is
 * @param milestone the template key of the milestone that unlocks it
 * @param bytes the file
 */
record DemoFiles(String name, String kind, String milestone, byte[] bytes) {

	static DemoFiles of(Industry industry, String project) {
		return switch (industry) {
			case CONSTRUCTION ->
				new DemoFiles("Framing inspection report.pdf", "inspection-report", "framing-inspection",
						pdf(List.of("Framing inspection report", project, "Inspected by: County building department",
								"Result: PASSED", "Notes: hold-downs and shear walls as drawn; no corrections.")));
			case AGENCY -> new DemoFiles("Homepage mockup.png", "mockup", "concept-approval", png());
			case SAAS_ONBOARDING ->
				new DemoFiles("Data migration report.csv", "migration-report", "data-migration-verified", csv());
		};
	}

	/** A one-page PDF with a line of Helvetica per entry. */
	static byte[] pdf(List<String> lines) {
		StringBuilder text = new StringBuilder("BT /F1 16 Tf 72 720 Td 22 TL\n");
		for (String line : lines) {
			text.append('(').append(line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")).append(") '\n");
		}
		text.append("ET\n");
		List<String> objects = List.of("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
						+ "/Resources << /Font << /F1 5 0 R >> >> >>",
				"<< /Length " + text.length() + " >>\nstream\n" + text + "endstream",
				"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
		StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
		List<Integer> offsets = new ArrayList<>();
		for (int i = 0; i < objects.size(); i++) {
			offsets.add(pdf.length());
			pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
		}
		int xref = pdf.length();
		pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
		offsets.forEach((offset) -> pdf.append(String.format(Locale.ROOT, "%010d 00000 n \n", offset)));
		pdf.append("trailer\n<< /Size ")
			.append(objects.size() + 1)
			.append(" /Root 1 0 R >>\nstartxref\n")
			.append(xref)
			.append("\n%%EOF\n");
		return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	/** A wireframe of a homepage: header, hero, three cards, footer (no text). */
	static byte[] png() {
		BufferedImage image = new BufferedImage(800, 520, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(0xF4, 0xF1, 0xEA));
		g.fillRect(0, 0, 800, 520);
		g.setColor(new Color(0x1F, 0x3A, 0x5F));
		g.fillRect(0, 0, 800, 60);
		g.setColor(new Color(0x8B, 0x5E, 0x34));
		g.fillRect(40, 90, 720, 180);
		g.setColor(new Color(0xD9, 0xCF, 0xBF));
		for (int card = 0; card < 3; card++) {
			g.fillRect(40 + card * 245, 300, 230, 150);
		}
		g.setColor(new Color(0x1F, 0x3A, 0x5F));
		g.fillRect(0, 480, 800, 40);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static byte[] csv() {
		StringBuilder csv = new StringBuilder("employee_id,name,ytd_gross_previous_provider,ytd_gross_relay,match\n");
		String[] names = { "Avery Chen", "Jordan Patel", "Sam Okafor", "Riley Novak", "Morgan Silva" };
		for (int i = 0; i < names.length; i++) {
			String gross = String.format(Locale.ROOT, "%d.%02d", 41_000 + i * 3_250, (i * 37) % 100);
			csv.append(1001 + i)
				.append(',')
				.append(names[i])
				.append(',')
				.append(gross)
				.append(',')
				.append(gross)
				.append(",yes\n");
		}
		return csv.toString().getBytes(StandardCharsets.UTF_8);
	}

}
