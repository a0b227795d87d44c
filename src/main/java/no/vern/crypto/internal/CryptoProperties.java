package no.vern.crypto.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the key material and the key store are; see {@code crypto/defaults.properties} for the
 * environment variables. {@link #toString()} never shows key material or passwords.
 *
 * @param masterKeyset master keyset JSON ({@code VERN_MASTER_KEYSET})
 * @param masterKeysetFile path of the master keyset JSON ({@code VERN_MASTER_KEYSET_FILE})
 * @param indexKeyset blind-index keyset JSON ({@code VERN_INDEX_KEYSET})
 * @param indexKeysetFile path of the blind-index keyset JSON ({@code VERN_INDEX_KEYSET_FILE})
 * @param generateMissing {@code auto} (demo mode or embedded database), {@code true} or {@code false}
 * @param directory where generated keysets live; empty means {@code <data dir>/keys}
 * @param rewrapBatchSize subject keys re-wrapped per committed batch during master-key rotation
 * @param backupKeyset backup keyset JSON, a streaming AEAD kept apart from the master key ({@code VERN_BACKUP_KEYSET})
 * @param backupKeysetFile path of the backup keyset JSON ({@code VERN_BACKUP_KEYSET_FILE})
 * @param backupDirectory where a generated backup keyset lives; empty means {@code backup-keys} next to the key directory
 */
@ConfigurationProperties("vern.keys")
record CryptoProperties(@DefaultValue("") String masterKeyset, @DefaultValue("") String masterKeysetFile,
        @DefaultValue("") String indexKeyset, @DefaultValue("") String indexKeysetFile,
        @DefaultValue("auto") String generateMissing, @DefaultValue("") String directory,
        @DefaultValue("200") int rewrapBatchSize, @DefaultValue Db db, @DefaultValue Cache cache,
        @DefaultValue("") String backupKeyset, @DefaultValue("") String backupKeysetFile,
        @DefaultValue("") String backupDirectory) {

    /**
     * The key store's database; an empty url means the main database server.
     *
     * @param poolSize connections of the key store pool
     */
    record Db(@DefaultValue("") String url, @DefaultValue("") String user, @DefaultValue("") String password,
            @DefaultValue("4") int poolSize) {

        @Override
        public String toString() {
            return "Db[url=" + url + ", user=" + user + ", password=***, poolSize=" + poolSize + "]";
        }
    }

    /**
     * Bounds of the cache of unwrapped data keys.
     *
     * @param maximumSize most subjects whose key is held unwrapped
     * @param expireAfterWrite how long an unwrapped key may stay in memory
     */
    record Cache(@DefaultValue("10000") long maximumSize, @DefaultValue("60s") Duration expireAfterWrite) {
    }

    @Override
    public String toString() {
        return "CryptoProperties[masterKeyset=" + (masterKeyset.isBlank() ? "" : "***") + ", masterKeysetFile="
                + masterKeysetFile + ", indexKeyset=" + (indexKeyset.isBlank() ? "" : "***") + ", indexKeysetFile="
                + indexKeysetFile + ", generateMissing=" + generateMissing + ", directory=" + directory
                + ", rewrapBatchSize=" + rewrapBatchSize + ", db=" + db + ", cache=" + cache + ", backupKeyset="
                + (backupKeyset.isBlank() ? "" : "***") + ", backupKeysetFile=" + backupKeysetFile
                + ", backupDirectory=" + backupDirectory + "]";
    }
}
