package io.portico.graphql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseJsonEncoderTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final ResponseJsonEncoder encoder = new ResponseJsonEncoder(this.mapper);

	@Test
	void writesWhatJacksonWrites() {
		Map<String, Object> node = new LinkedHashMap<>();
		node.put("id", "0b6f…\"quoted\" \\ back\nline\u0001 ünïcødé 🏗");
		node.put("position", 3);
		node.put("seq", 9_007_199_254_740_993L);
		node.put("amount", new BigDecimal("125000.50"));
		node.put("big", new BigInteger("123456789012345678901234567890"));
		node.put("ratio", 0.25);
		node.put("done", true);
		node.put("note", null);
		node.put("tags", Arrays.asList("a", null, "c"));
		node.put("empty", new ArrayList<>());
		node.put("day", LocalDate.of(2026, 5, 12));
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", "Cannot start");
		error.put("locations", List.of(Map.of("line", 1, "column", 3)));
		error.put("path", List.of("projects", 0, "name"));
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("data", Map.of("project", node));
		response.put("errors", List.of(error));

		assertThat(encode(response)).isEqualTo(this.mapper.writeValueAsString(response));
	}

	@Test
	void encodesJsonMapsOnly() {
		assertThat(this.encoder.canEncode(ResolvableType.forClass(Map.class), MediaType.APPLICATION_JSON)).isTrue();
		assertThat(this.encoder.canEncode(ResolvableType.forClass(Map.class), MediaType.APPLICATION_GRAPHQL_RESPONSE))
			.isTrue();
		assertThat(this.encoder.canEncode(ResolvableType.forClass(Map.class), MediaType.TEXT_PLAIN)).isFalse();
		assertThat(this.encoder.canEncode(ResolvableType.forClass(String.class), MediaType.APPLICATION_JSON)).isFalse();
	}

	private String encode(Map<String, Object> value) {
		DataBuffer buffer = this.encoder.encodeValue(value, DefaultDataBufferFactory.sharedInstance,
				ResolvableType.forClass(Map.class), MediaType.APPLICATION_JSON, null);
		String json = buffer.toString(StandardCharsets.UTF_8);
		DataBufferUtils.release(buffer);
		return json;
	}

}
