package no.vern.support;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;

/**
 * The order of the test classes (src/test/resources/junit-platform.properties): the order JUnit found them in, except
 * that a {@link VernTest} class that wants a fresh shared context ({@code @DirtiesContext(classMode = BEFORE_CLASS)})
 * runs right after a {@link VernTest} class that throws it away ({@code @DirtiesContext} after the class). Each of the two costs a context
 * start where they stand apart (the class after the one that threw it away starts it again; the one that wants it
 * fresh throws away the one it finds); side by side, one start serves both, and every class still gets the context its
 * annotations ask for: the fresh one is fresh, and the context thrown away is never used again.
 */
public final class SharedContextOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        List<? extends ClassDescriptor> classes = context.getClassDescriptors();
        List<ClassDescriptor> wantFresh = new ArrayList<>();
        List<ClassDescriptor> rest = new ArrayList<>();
        for (ClassDescriptor descriptor : classes) {
            (dirties(descriptor, ClassMode.BEFORE_CLASS) ? wantFresh : rest).add(descriptor);
        }
        List<ClassDescriptor> ordered = new ArrayList<>(classes.size());
        for (ClassDescriptor descriptor : rest) {
            ordered.add(descriptor);
            if (!wantFresh.isEmpty() && dirties(descriptor, ClassMode.AFTER_CLASS)) {
                ordered.add(wantFresh.remove(0));
            }
        }
        ordered.addAll(wantFresh);
        sortLike(classes, ordered);
    }

    private static boolean dirties(ClassDescriptor descriptor, ClassMode mode) {
        return descriptor.isAnnotated(VernTest.class)
                && descriptor.findAnnotation(DirtiesContext.class).map(d -> d.classMode() == mode).orElse(false);
    }

    @SuppressWarnings("unchecked")
    private static <T extends ClassDescriptor> void sortLike(List<T> classes, List<ClassDescriptor> ordered) {
        List<T> copy = new ArrayList<>((List<T>) ordered);
        for (int i = 0; i < copy.size(); i++) {
            classes.set(i, copy.get(i));
        }
    }
}
