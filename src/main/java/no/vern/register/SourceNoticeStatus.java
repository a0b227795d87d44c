package no.vern.register;

import java.util.List;
import java.util.Locale;

import no.vern.shared.SubjectId;

/**
 * Implemented by the module that sends the notices owed to people whose data came from others (GDPR Art. 14): what
 * the subject page says about whether and when the person was told, or why not (an exemption, Art. 14(5)). The
 * register shows the statements as given; each is derived from the stored notice.
 */
public interface SourceNoticeStatus {

    /** The statements about the subject's Art. 14 notices in the reader's language, oldest first; empty if none is owed. */
    List<String> statements(SubjectId subject, Locale locale);
}
