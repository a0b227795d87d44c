package no.vern.website;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** S16 and docs/developing.md: site visitors are never linked to a person, so website never reaches register. */
@no.vern.support.Isolated // reads only class files: beside the suite on the second worker
class WebsiteArchitectureTests {

    /** Imported once for the class (an instance field imported the classes again for each method). */
    private static final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(new no.vern.support.HandWrittenClasses()).importPackages("no.vern");

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
