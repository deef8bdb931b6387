package io.portico.graphql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import graphql.language.AstPrinter;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema implements the portal contract: every type, field (with its type), argument,
 * input field and enum value the contract names exists in {@code schema/}, except those
 * of the sections still to come, listed here by the issue that adds them.
 */
class ContractTests {

	/** The contract portals and their tests rely on, as agreed with them. */
	private static final Path CONTRACT = Path.of("src", "test", "resources", "contract.graphqls");

	/** Contract entries of later work: none left. */
	private static final Set<String> NOT_YET = Set.of();

	@Test
	void everyContractEntryExistsWithItsType() throws IOException {
		Map<String, String> contract = entries(new SchemaParser().parse(Files.readString(CONTRACT)));
		Map<String, String> ours = entries(schema());
		Map<String, String> missing = new TreeMap<>();
		contract.forEach((entry, type) -> {
			if (NOT_YET.contains(entry) || NOT_YET.contains(entry.split("[.(]")[0])
					|| NOT_YET.contains(entry.replaceAll("\\(.*", ""))) {
				return;
			}
			if (!type.equals(ours.get(entry))) {
				missing.put(entry, type + " but schema/ has " + ours.get(entry));
			}
		});
		assertThat(missing).isEmpty();
	}

	private static TypeDefinitionRegistry schema() throws IOException {
		TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
		try (Stream<Path> files = Files.list(Path.of("schema"))) {
			for (Path file : files.sorted().toList()) {
				registry.merge(new SchemaParser().parse(Files.readString(file)));
			}
		}
		return registry;
	}

	/**
	 * Each type, field, argument and value, with the type it has ("" for types and
	 * values).
	 */
	private static Map<String, String> entries(TypeDefinitionRegistry registry) {
		Map<String, String> entries = new TreeMap<>();
		registry.types().values().forEach((type) -> add(type, entries));
		registry.objectTypeExtensions().values().forEach((list) -> list.forEach((type) -> add(type, entries)));
		registry.inputObjectTypeExtensions().values().forEach((list) -> list.forEach((type) -> add(type, entries)));
		registry.enumTypeExtensions().values().forEach((list) -> list.forEach((type) -> add(type, entries)));
		return entries;
	}

	private static void add(TypeDefinition<?> type, Map<String, String> entries) {
		String name = type.getName();
		entries.put(name, "");
		List<FieldDefinition> fields = (type instanceof ObjectTypeDefinition object) ? object.getFieldDefinitions()
				: (type instanceof InterfaceTypeDefinition face) ? face.getFieldDefinitions() : List.of();
		for (FieldDefinition field : fields) {
			entries.put(name + "." + field.getName(), AstPrinter.printAst(field.getType()));
			field.getInputValueDefinitions()
				.forEach((argument) -> entries.put(name + "." + field.getName() + "(" + argument.getName() + ")",
						AstPrinter.printAst(argument.getType())));
		}
		if (type instanceof InputObjectTypeDefinition input) {
			input.getInputValueDefinitions()
				.forEach((value) -> entries.put(name + "." + value.getName(), AstPrinter.printAst(value.getType())));
		}
		if (type instanceof EnumTypeDefinition values) {
			values.getEnumValueDefinitions().forEach((value) -> entries.put(name + "." + value.getName(), ""));
		}
	}

}
