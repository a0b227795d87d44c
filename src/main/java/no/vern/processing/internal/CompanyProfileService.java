package no.vern.processing.internal;

import java.util.Locale;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.processing.CompanyProfile;
import no.vern.processing.CompanyProfileRules;
import no.vern.processing.CompanyProfiles;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.RecordVersion;
import no.vern.shared.MailSignature;

/**
 * The company profile as the controller, DPO and company block of the record of processing: read from the
 * current version on every call (one query for the version number, the parsed version is cached), changed as
 * a new version. It is also the kernel's {@link MailSignature}: every mail's sender and footer.
 */
@Service
class CompanyProfileService implements CompanyProfiles, MailSignature {

    private final ProcessingRecord record;

    CompanyProfileService(ProcessingRecord record) {
        this.record = record;
    }

    @Override
    public CompanyProfile current() {
        return record.current().document().companyProfile();
    }

    @Override
    @Transactional
    public RecordVersion update(int basedOnVersion, CompanyProfile changed, String changeNote) {
        CompanyProfile clean = changed.normalised();
        CompanyProfileRules.require(clean);
        return record.update(basedOnVersion, clean.applyTo(record.current().document()), changeNote);
    }

    @Override
    public String sender() {
        return current().mailSender();
    }

    @Override
    public String footer(Locale language) {
        return current().footer(language);
    }
}
