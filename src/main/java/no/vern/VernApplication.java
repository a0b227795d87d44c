package no.vern;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/** Boots Vern; every capability lives in its own application module below this package. */
@Modulithic(systemName = "Vern", sharedModules = "shared")
@SpringBootApplication
public class VernApplication {

    public static void main(String[] args) {
        SpringApplication.run(VernApplication.class, args);
    }
}
