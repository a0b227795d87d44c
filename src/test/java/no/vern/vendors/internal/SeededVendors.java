package no.vern.vendors.internal;

import java.util.Set;
import java.util.stream.Collectors;

import no.vern.vendors.Vendor;
import no.vern.vendors.VendorRegister;

/** The demo processors every test context starts with ({@link VendorSeed}); tests remove only what they added. */
public final class SeededVendors {

    /** The names of the seeded processors. */
    public static final Set<String> NAMES = VendorSeed.PROCESSORS.stream().map(VendorSeed.Seeded::name)
            .collect(Collectors.toUnmodifiableSet());

    private SeededVendors() {
    }

    /** Removes every vendor a test added (sub-processors first), leaving the seeded ones the record relies on. */
    public static void removeAddedVendors(VendorRegister vendors) {
        vendors.vendors().stream().filter(v -> v.parentId() != null && !NAMES.contains(v.name()))
                .forEach(v -> vendors.delete(v.id()));
        vendors.vendors().stream().filter(v -> !NAMES.contains(v.name())).map(Vendor::id).forEach(vendors::delete);
    }
}
