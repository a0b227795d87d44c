package no.vern.processing.web;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.validation.Errors;

import no.vern.processing.Activity;
import no.vern.processing.LegalBasis;
import no.vern.processing.LocalizedText;
import no.vern.processing.Purpose;
import no.vern.processing.Recipient;
import no.vern.processing.RecipientKind;
import no.vern.processing.Retention;
import no.vern.processing.SubjectKind;

/**
 * The edit form of one activity. A mutable bean (not a record) because the form binds nested,
 * indexed lists of purposes and recipients and unchecked checkboxes; it holds exactly what was
 * typed, so a refused form is shown again with nothing lost.
 */
final class ActivityForm {

    private int basedOnVersion;
    private String changeNote = "";
    private String nameNb = "";
    private String nameEn = "";
    private String descriptionNb = "";
    private String descriptionEn = "";
    private String sourceNb = "";
    private String sourceEn = "";
    private String securityNb = "";
    private String securityEn = "";
    private List<SubjectKind> subjects = new ArrayList<>();
    private List<String> dataCategories = new ArrayList<>();
    private List<PurposeForm> purposes = new ArrayList<>();
    private List<RecipientForm> recipients = new ArrayList<>();

    static ActivityForm of(Activity a, int version) {
        ActivityForm f = new ActivityForm();
        f.basedOnVersion = version;
        f.nameNb = a.name().nb();
        f.nameEn = a.name().en();
        f.descriptionNb = a.description().nb();
        f.descriptionEn = a.description().en();
        f.sourceNb = a.source().nb();
        f.sourceEn = a.source().en();
        if (a.security() != null) {
            f.securityNb = a.security().nb();
            f.securityEn = a.security().en();
        }
        f.subjects = new ArrayList<>(a.subjects());
        f.dataCategories = new ArrayList<>(a.dataCategories());
        a.purposes().forEach(p -> f.purposes.add(PurposeForm.of(p)));
        a.recipients().forEach(r -> f.recipients.add(RecipientForm.of(r)));
        f.recipients.add(new RecipientForm());
        return f;
    }

    /** Checks what the form itself can tell, with one message key per field. */
    void validate(Errors errors) {
        required(errors, "changeNote", changeNote);
        required(errors, "nameNb", nameNb);
        required(errors, "nameEn", nameEn);
        required(errors, "descriptionNb", descriptionNb);
        required(errors, "descriptionEn", descriptionEn);
        required(errors, "sourceNb", sourceNb);
        required(errors, "sourceEn", sourceEn);
        if (securityNb.isBlank() != securityEn.isBlank()) {
            errors.rejectValue(securityNb.isBlank() ? "securityNb" : "securityEn", "processing.form.bothLanguages");
        }
        if (subjects.isEmpty()) {
            errors.rejectValue("subjects", "processing.form.pickOne");
        }
        if (dataCategories.isEmpty()) {
            errors.rejectValue("dataCategories", "processing.form.pickOne");
        }
        for (int i = 0; i < purposes.size(); i++) {
            PurposeForm p = purposes.get(i);
            String path = "purposes[" + i + "].";
            required(errors, path + "nameNb", p.nameNb);
            required(errors, path + "nameEn", p.nameEn);
            required(errors, path + "descriptionNb", p.descriptionNb);
            required(errors, path + "descriptionEn", p.descriptionEn);
            if (p.retentionNb.isBlank() != p.retentionEn.isBlank()) {
                errors.rejectValue(path + (p.retentionNb.isBlank() ? "retentionNb" : "retentionEn"),
                        "processing.form.bothLanguages");
            }
            if (p.legalBasisNoteNb.isBlank() != p.legalBasisNoteEn.isBlank()) {
                errors.rejectValue(path + (p.legalBasisNoteNb.isBlank() ? "legalBasisNoteNb" : "legalBasisNoteEn"),
                        "processing.form.bothLanguages");
            }
            if (!p.retentionPeriod.isBlank() && p.period() == null) {
                errors.rejectValue(path + "retentionPeriod", "processing.form.period");
            }
        }
        for (int i = 0; i < recipients.size(); i++) {
            RecipientForm r = recipients.get(i);
            if (r.isBlank()) {
                continue;
            }
            String path = "recipients[" + i + "].";
            required(errors, path + "nameNb", r.nameNb);
            required(errors, path + "nameEn", r.nameEn);
            if (r.kind == null) {
                errors.rejectValue(path + "kind", "processing.form.required");
            } else if (!r.kind.allowedInRecord()) {
                errors.rejectValue(path + "kind", "processing.form.recipientIsVendor");
            }
        }
    }

    /** The activity as changed by the form; id and purpose keys stay as they were (stable keys). */
    Activity apply(Activity original) {
        List<Purpose> changed = new ArrayList<>();
        for (int i = 0; i < original.purposes().size(); i++) {
            Purpose old = original.purposes().get(i);
            PurposeForm p = i < purposes.size() ? purposes.get(i) : PurposeForm.of(old);
            changed.add(new Purpose(old.key(), new LocalizedText(p.nameNb, p.nameEn),
                    new LocalizedText(p.descriptionNb, p.descriptionEn), p.legalBasis,
                    p.legalBasisNoteNb.isBlank() ? null : new LocalizedText(p.legalBasisNoteNb, p.legalBasisNoteEn),
                    p.mandatory,
                    p.retentionNb.isBlank() ? null : new Retention(new LocalizedText(p.retentionNb, p.retentionEn), p.period())));
        }
        List<Recipient> recipientList = recipients.stream().filter(r -> !r.isBlank())
                .map(r -> new Recipient(new LocalizedText(r.nameNb, r.nameEn), r.kind))
                .toList();
        return new Activity(original.id(), new LocalizedText(nameNb, nameEn),
                new LocalizedText(descriptionNb, descriptionEn), changed, subjects, dataCategories,
                new LocalizedText(sourceNb, sourceEn), recipientList,
                securityNb.isBlank() ? null : new LocalizedText(securityNb, securityEn));
    }

    private static void required(Errors errors, String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            errors.rejectValue(field, "processing.form.required");
        }
    }

    /** The fields of one purpose. */
    static final class PurposeForm {
        private String key = "";
        private String nameNb = "";
        private String nameEn = "";
        private String descriptionNb = "";
        private String descriptionEn = "";
        private @Nullable LegalBasis legalBasis;
        private String legalBasisNoteNb = "";
        private String legalBasisNoteEn = "";
        private boolean mandatory;
        private String retentionNb = "";
        private String retentionEn = "";
        private String retentionPeriod = "";

        static PurposeForm of(Purpose p) {
            PurposeForm f = new PurposeForm();
            f.key = p.key();
            f.nameNb = p.name().nb();
            f.nameEn = p.name().en();
            f.descriptionNb = p.description().nb();
            f.descriptionEn = p.description().en();
            f.legalBasis = p.legalBasis();
            if (p.legalBasisNote() != null) {
                f.legalBasisNoteNb = p.legalBasisNote().nb();
                f.legalBasisNoteEn = p.legalBasisNote().en();
            }
            f.mandatory = p.mandatory();
            if (p.retention() != null) {
                f.retentionNb = p.retention().description().nb();
                f.retentionEn = p.retention().description().en();
                f.retentionPeriod = p.retention().period() == null ? "" : p.retention().period().toString();
            }
            return f;
        }

        @Nullable Period period() {
            if (retentionPeriod.isBlank()) {
                return null;
            }
            try {
                Period period = Period.parse(retentionPeriod.strip().toUpperCase(java.util.Locale.ROOT));
                return period.isNegative() ? null : period;
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        public String getKey() { return key; }
        public void setKey(String key) { this.key = nn(key); }
        public String getNameNb() { return nameNb; }
        public void setNameNb(String v) { this.nameNb = nn(v); }
        public String getNameEn() { return nameEn; }
        public void setNameEn(String v) { this.nameEn = nn(v); }
        public String getDescriptionNb() { return descriptionNb; }
        public void setDescriptionNb(String v) { this.descriptionNb = nn(v); }
        public String getDescriptionEn() { return descriptionEn; }
        public void setDescriptionEn(String v) { this.descriptionEn = nn(v); }
        public @Nullable LegalBasis getLegalBasis() { return legalBasis; }
        public void setLegalBasis(@Nullable LegalBasis v) { this.legalBasis = v; }
        public String getLegalBasisNoteNb() { return legalBasisNoteNb; }
        public void setLegalBasisNoteNb(String v) { this.legalBasisNoteNb = nn(v); }
        public String getLegalBasisNoteEn() { return legalBasisNoteEn; }
        public void setLegalBasisNoteEn(String v) { this.legalBasisNoteEn = nn(v); }
        public boolean isMandatory() { return mandatory; }
        public void setMandatory(boolean v) { this.mandatory = v; }
        public String getRetentionNb() { return retentionNb; }
        public void setRetentionNb(String v) { this.retentionNb = nn(v); }
        public String getRetentionEn() { return retentionEn; }
        public void setRetentionEn(String v) { this.retentionEn = nn(v); }
        public String getRetentionPeriod() { return retentionPeriod; }
        public void setRetentionPeriod(String v) { this.retentionPeriod = nn(v); }
    }

    /**
     * The fields of one non-vendor recipient (authority or independent controller category); an all-blank row is
     * ignored (it is the "add" row). Companies that receive data, their agreement, country and safeguard are entered
     * once, in the vendor register.
     */
    static final class RecipientForm {
        private String nameNb = "";
        private String nameEn = "";
        private @Nullable RecipientKind kind;

        static RecipientForm of(Recipient r) {
            RecipientForm f = new RecipientForm();
            f.nameNb = r.name().nb();
            f.nameEn = r.name().en();
            f.kind = r.kind();
            return f;
        }

        boolean isBlank() {
            return nameNb.isBlank() && nameEn.isBlank();
        }

        public String getNameNb() { return nameNb; }
        public void setNameNb(String v) { this.nameNb = nn(v); }
        public String getNameEn() { return nameEn; }
        public void setNameEn(String v) { this.nameEn = nn(v); }
        public @Nullable RecipientKind getKind() { return kind; }
        public void setKind(@Nullable RecipientKind v) { this.kind = v; }
    }

    private static String nn(@Nullable String value) {
        return value == null ? "" : value;
    }

    public int getBasedOnVersion() { return basedOnVersion; }
    public void setBasedOnVersion(int v) { this.basedOnVersion = v; }
    public String getChangeNote() { return changeNote; }
    public void setChangeNote(String v) { this.changeNote = nn(v); }
    public String getNameNb() { return nameNb; }
    public void setNameNb(String v) { this.nameNb = nn(v); }
    public String getNameEn() { return nameEn; }
    public void setNameEn(String v) { this.nameEn = nn(v); }
    public String getDescriptionNb() { return descriptionNb; }
    public void setDescriptionNb(String v) { this.descriptionNb = nn(v); }
    public String getDescriptionEn() { return descriptionEn; }
    public void setDescriptionEn(String v) { this.descriptionEn = nn(v); }
    public String getSourceNb() { return sourceNb; }
    public void setSourceNb(String v) { this.sourceNb = nn(v); }
    public String getSourceEn() { return sourceEn; }
    public void setSourceEn(String v) { this.sourceEn = nn(v); }
    public String getSecurityNb() { return securityNb; }
    public void setSecurityNb(String v) { this.securityNb = nn(v); }
    public String getSecurityEn() { return securityEn; }
    public void setSecurityEn(String v) { this.securityEn = nn(v); }
    public List<SubjectKind> getSubjects() { return subjects; }
    public void setSubjects(@Nullable List<SubjectKind> v) { this.subjects = v == null ? new ArrayList<>() : new ArrayList<>(v); }
    public List<String> getDataCategories() { return dataCategories; }
    public void setDataCategories(@Nullable List<String> v) { this.dataCategories = v == null ? new ArrayList<>() : new ArrayList<>(v); }
    public List<PurposeForm> getPurposes() { return purposes; }
    public void setPurposes(List<PurposeForm> v) { this.purposes = v; }
    public List<RecipientForm> getRecipients() { return recipients; }
    public void setRecipients(List<RecipientForm> v) { this.recipients = v; }
}
