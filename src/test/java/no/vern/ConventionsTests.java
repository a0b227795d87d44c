package no.vern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSender;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** The house rules of docs/developing.md that the compiler does not check, checked on the classes of src/main. */
@no.vern.support.Isolated // reads only class files: beside the suite on the second worker
class ConventionsTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(new no.vern.support.HandWrittenClasses()).importPackages("no.vern");

    @Test
    void everyPackageIsNullMarked() {
        // NullAway checks only @NullMarked code, so a package without it would escape the null checks.
        classes().should(resideInANullMarkedPackage()).allowEmptyShould(false).check(MAIN);
    }

    @Test
    void internalPackagesHaveNoPublicTypes() {
        // What a module's web or api package needs is its API (base package); internal stays package-private.
        noClasses().that().resideInAPackage("no.vern..internal..").and().areTopLevelClasses()
                .should().bePublic().check(MAIN);
    }

    @Test
    void onlyTheSharedKernelSendsMail() {
        noClasses().that().resideOutsideOfPackage("no.vern.shared..").should().dependOnClassesThat()
                .areAssignableTo(MailSender.class)
                .because("outgoing mail goes through the shared mail service (one sender address, outbox by default)")
                .check(MAIN);
    }

    @Test
    void onlySharedAndIdentityTouchTheSecurityContext() {
        noClasses().that().resideOutsideOfPackages("no.vern.shared..", "no.vern.identity..").should()
                .dependOnClassesThat().haveFullyQualifiedName(
                        "org.springframework.security.core.context.SecurityContextHolder")
                .because("Actors reads the caller (current, authorities) and switches it (runAs) in one place, so the audit names the real actor")
                .check(MAIN);
    }

    private static ArchCondition<JavaClass> resideInANullMarkedPackage() {
        return new ArchCondition<>("reside in a package whose package-info.java is @NullMarked") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean marked = type.getPackage().isAnnotatedWith(NullMarked.class);
                events.add(new SimpleConditionEvent(type, marked, type.getPackageName()
                        + (marked ? " is" : " is not") + " @NullMarked (" + type.getName() + ")"));
            }
        };
    }
}
