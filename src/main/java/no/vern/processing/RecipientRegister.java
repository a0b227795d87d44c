package no.vern.processing;

import java.util.List;
import java.util.Locale;

/**
 * Implemented by the vendors module: every company that receives the company's data (processors, sub-processors,
 * independent and joint controllers), with the activities and data categories it receives, whether its agreement is
 * in force and its transfers. The one source of the record's vendor recipients; read through {@link Recipients}.
 */
public interface RecipientRegister {

    /** Every registered vendor, in one language ({@code en}, else Norwegian), by name. */
    List<RecipientStatement> recipients(Locale locale);
}
