package no.vern.processing.internal;

import java.io.IOException;
import java.io.InputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import no.vern.processing.ProcessingRecordDocument;
import no.vern.shared.Actor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the activities of the demo company's privacy policy (an invented company, Fjellvik Rådgivning AS,
 * whose controller block the company profile then changes) as version 1 of the record when the
 * record is empty, in every mode (the published policy must exist from the first start). The seed
 * is data ({@code processing/seed-record.json}); later changes are made in the console or API.
 */
@Component
@Order(10)
class RecordSeed implements ApplicationRunner {

    static final String RESOURCE = "processing/seed-record.json";
    private static final Logger log = LoggerFactory.getLogger(RecordSeed.class);

    private final ProcessingRecordService record;
    private final JsonMapper json;

    RecordSeed(ProcessingRecordService record, JsonMapper json) {
        this.record = record;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        ProcessingRecordDocument seed;
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            seed = json.readValue(in, ProcessingRecordDocument.class);
        }
        if (record.seed(seed, Actor.system("seed").reference(),
                "Seeded from the bundled example record (invented company: change the company profile and the activities)")) {
            log.info("Record of processing activities seeded with {} activities", seed.activities().size());
        }
    }
}
