package no.vern.uploads;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The file types Vern accepts at all, with their media type and the file name extensions they may carry. */
public enum FileType {
    PDF("application/pdf", List.of("pdf")),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", List.of("docx")),
    ODT("application/vnd.oasis.opendocument.text", List.of("odt")),
    TXT("text/plain", List.of("txt", "text", "csv")),
    PNG("image/png", List.of("png")),
    JPEG("image/jpeg", List.of("jpg", "jpeg")),
    GIF("image/gif", List.of("gif")),
    WEBP("image/webp", List.of("webp"));

    private final String mediaType;
    private final List<String> extensions;

    FileType(String mediaType, List<String> extensions) {
        this.mediaType = mediaType;
        this.extensions = extensions;
    }

    /** The media type stored with the file and used on download. */
    public String mediaType() {
        return mediaType;
    }

    /** File name extensions (lower case, without dot) that this type may carry. */
    public List<String> extensions() {
        return extensions;
    }

    /** The type with this media type, if Vern knows it. */
    public static Optional<FileType> ofMediaType(String mediaType) {
        String normalised = mediaType.toLowerCase(Locale.ROOT);
        for (FileType type : values()) {
            if (type.mediaType.equals(normalised)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
