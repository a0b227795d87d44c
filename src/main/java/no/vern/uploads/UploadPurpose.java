package no.vern.uploads;

import java.util.Set;

/** Why a file is uploaded; each purpose allows only the types its work needs (S8, S15). */
public enum UploadPurpose {
    /** A candidate's CV: documents only. */
    CV(Set.of(FileType.PDF, FileType.DOCX, FileType.ODT, FileType.TXT)),
    /** Evidence of a breach: documents and screenshots or photos. */
    EVIDENCE(Set.of(FileType.PDF, FileType.DOCX, FileType.ODT, FileType.TXT, FileType.PNG, FileType.JPEG,
            FileType.GIF, FileType.WEBP)),
    /** A manual export from another system: plain text or documents. */
    CONNECTOR_EXPORT(Set.of(FileType.TXT, FileType.PDF, FileType.DOCX, FileType.ODT)),
    /** A signed agreement (a data processing agreement, GDPR Art. 28(3), (9)): documents only. */
    CONTRACT(Set.of(FileType.PDF, FileType.DOCX, FileType.ODT));

    private final Set<FileType> allowed;

    UploadPurpose(Set<FileType> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /** The file types accepted for this purpose. */
    public Set<FileType> allowed() {
        return allowed;
    }
}
