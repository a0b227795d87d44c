package no.vern.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

/**
 * Staff passwords are hashed with bcrypt at cost 10 in production, whatever the test suite sets for itself (it sets 4
 * to keep its thousands of sign-ins cheap), and a hash made at one cost still matches at another.
 */
class PasswordHashingTest {

    @Test
    void productionHashesAtCostTenUnlessTheOperatorSaysOtherwise() throws Exception {
        List<PropertySource<?>> main = new YamlPropertySourceLoader().load("main",
                new FileSystemResource("src/main/resources/application.yml"));
        MutablePropertySources sources = new MutablePropertySources();
        main.forEach(sources::addLast);
        int cost = new PropertySourcesPropertyResolver(sources).getRequiredProperty("vern.identity.bcrypt-cost",
                Integer.class);
        assertThat(cost).isEqualTo(10).isGreaterThanOrEqualTo(PasswordHashing.RECOMMENDED_MINIMUM);

        assertThat(PasswordHashing.encoder(cost).encode("a staff password")).startsWith("{bcrypt}$2a$10$");
    }

    @Test
    void theTestSuiteHashesCheaplyAndSaysSoInItsOwnConfiguration() throws Exception {
        List<PropertySource<?>> test = new YamlPropertySourceLoader().load("test",
                new ClassPathResource("config/application.yml"));
        assertThat(test.get(0).getProperty("vern.identity.bcrypt-cost")).isEqualTo(4);
        assertThat(PasswordHashing.encoder(4).encode("a staff password")).startsWith("{bcrypt}$2a$04$");
    }

    @Test
    void aHashCarriesItsOwnCostSoChangingTheSettingKeepsEveryoneSignedIn() {
        String madeAtTen = PasswordHashing.encoder(10).encode("korrekt hest batteri stift");
        PasswordEncoder nowAtFour = PasswordHashing.encoder(4);

        assertThat(nowAtFour.matches("korrekt hest batteri stift", madeAtTen)).isTrue();
        assertThat(nowAtFour.matches("feil passord", madeAtTen)).isFalse();
    }

    @Test
    void aHashOfAnotherKnownAlgorithmStillMatches() {
        String pbkdf2 = "{pbkdf2@SpringSecurity_v5_8}"
                + Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("gammelt passord");

        assertThat(PasswordHashing.encoder(10).matches("gammelt passord", pbkdf2)).isTrue();
        assertThat(PasswordHashing.encoder(10).matches("noe annet", pbkdf2)).isFalse();
    }

    @Test
    void aCostOutsideBcryptsBoundsStopsTheStart() {
        assertThatThrownBy(() -> PasswordHashing.encoder(3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("between 4 and 31");
        assertThatThrownBy(() -> PasswordHashing.encoder(32)).isInstanceOf(IllegalStateException.class);
    }
}
