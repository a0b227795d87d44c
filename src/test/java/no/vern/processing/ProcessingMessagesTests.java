package no.vern.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** Every text of the record and the policy exists in Norwegian and English (S9: openness in both languages). */
class ProcessingMessagesTests {

    static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ProcessingMessagesTests.class.getResourceAsStream("/i18n/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void norwegianAndEnglishHaveTheSameKeys() throws IOException {
        Properties nb = load("processing.properties");
        Properties en = load("processing_en.properties");
        assertThat(nb.stringPropertyNames()).isNotEmpty().isEqualTo(en.stringPropertyNames());
    }

    @Test
    void everyEnumValueHasALabelInBothLanguages() throws IOException {
        for (Properties p : new Properties[] { load("processing.properties"), load("processing_en.properties") }) {
            for (SubjectKind kind : SubjectKind.values()) {
                assertThat(p).containsKey("processing.subject." + kind.name());
            }
            for (LegalBasis basis : LegalBasis.values()) {
                assertThat(p).containsKey("processing.basis." + basis.name());
            }
            for (RecipientKind kind : RecipientKind.values()) {
                assertThat(p).containsKey("processing.recipientKind." + kind.name());
            }
            for (RecordWarning.Kind kind : RecordWarning.Kind.values()) {
                assertThat(p).containsKey("processing.warning." + kind.name());
            }
        }
    }
}
