package no.vern.website;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** S16 and docs/developing.md: site visitors are never linked to a person, so website never reaches register. */
class WebsiteArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("no.vern");

    @Test
    void websiteNeverDependsOnTheRegister() {
        noClasses().that().resideInAPackage("no.vern.website..").should().dependOnClassesThat()
                .resideInAPackage("no.vern.register..").allowEmptyShould(false).check(classes);
    }

    @Test
    void websiteNeverDependsOnCryptoOrConsentEither() {
        noClasses().that().resideInAPackage("no.vern.website..").should().dependOnClassesThat()
                .resideInAnyPackage("no.vern.crypto..", "no.vern.consent..").check(classes);
    }
}
