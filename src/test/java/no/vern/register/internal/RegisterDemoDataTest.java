package no.vern.register.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import no.vern.register.SubjectRegister;
import no.vern.register.SubjectSummary;
import no.vern.shared.DemoMode;
import no.vern.support.VernTest;

/** Demo mode fills an empty register with invented contacts, all valid, and never twice. */
@VernTest
class RegisterDemoDataTest {

    @Autowired
    SubjectRegister register;
    @Autowired
    Subjects subjects;

    @Test
    void demoContactsAreValidAndLoadedOnlyIntoAnEmptyRegister() {
        RegisterDemoData data = new RegisterDemoData(new DemoMode(true, Path.of("target")), subjects, register);
        long before = subjects.countAll();
        data.load();
        long after = subjects.countAll();
        if (before == 0) {
            assertThat(after).isEqualTo(25);
            List<SubjectSummary> fjordlys = register.findByOrgNumber("923456783");
            assertThat(fjordlys).isNotEmpty();
            assertThat(register.read(fjordlys.get(0).id(), "customer-administration").records()).isNotEmpty();
        } else {
            assertThat(after).isEqualTo(before); // never loaded into a register that has data
        }
        data.load();
        assertThat(subjects.countAll()).isEqualTo(after);
    }
}
