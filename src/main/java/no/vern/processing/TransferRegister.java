package no.vern.processing;

import java.util.List;
import java.util.Locale;

/**
 * Implemented by the vendors module: the registered transfers outside the EU/EEA (GDPR Arts. 44-49). The policy's
 * transfer section is written from it (Art. 13(1)(f), S30), the record shows its warnings, and a new record version
 * (a new policy version) is refused while a transfer has no valid mechanism and was not accepted with a reason.
 */
public interface TransferRegister {

    /** Every registered transfer, in one language ({@code en}, else Norwegian), in a stable order. */
    List<TransferStatement> transfers(Locale locale);

    /** Transfers without a valid mechanism that nobody accepted: warnings of kind {@code TRANSFER_WITHOUT_MECHANISM}. */
    List<RecordWarning> warnings();
}
