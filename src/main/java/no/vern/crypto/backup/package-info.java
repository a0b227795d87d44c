/**
 * Backup, restore and restore drills of the database and the key store (issue 15 part 4):
 * a logical copy (binary COPY in one REPEATABLE READ snapshot), keys stored apart, and the
 * shred ledger replayed after every restore.
 */
@org.jspecify.annotations.NullMarked
package no.vern.crypto.backup;
