package org.originhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The persistence unit lists its classes explicitly (registry cannot know hub-ejb's persistence.xml); an entity or
 * converter missing from the list would fail only at run time, so this test fails the build instead.
 */
class PersistenceUnitTest {

    @Test
    void everyEntityAndConverterIsListedAndNothingElse() throws Exception {
        Set<String> mapped = new HashSet<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.originhub")) {
            if (c.isAnnotatedWith(Entity.class) || c.isAnnotatedWith(Converter.class)
                    || c.isAnnotatedWith(Embeddable.class)) {
                mapped.add(c.getName());
            }
        }
        Set<String> listed = new HashSet<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/persistence.xml")) {
            Matcher m = Pattern.compile("<class>\\s*([\\w.$]+)\\s*</class>")
                    .matcher(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            while (m.find()) {
                listed.add(m.group(1));
            }
        }
        assertThat(mapped).isNotEmpty();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(mapped);
    }
}
