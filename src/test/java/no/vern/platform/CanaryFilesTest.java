package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.support.Canaries;
import no.vern.support.Tokens;

/**
 * Issue 14, item 5 (rule 4), the places outside the tables: canary personal data goes through Vern over real
 * HTTP (a contact with bank account, a lookup, a read, a CV attachment in a .docx, an eligibility upload as a
 * multipart file, a CSV import) and is erased; no canary may be found, at any point, in
 * <ul>
 * <li>the servlet container's work and upload folders, Vern's data folder or files new in the JVM's temp
 * folder, searched at the end of every request while its multipart parts and spooled files would still exist;</li>
 * <li>any file created in the temp folder by a library that spools (Tomcat uploads, Tika, PDFBox, POI, ImageIO):
 * their very creation during a request is a finding, since they would hold the bytes in plain text;</li>
 * <li>the database server's own files (tables, dead row versions not yet vacuumed, the write-ahead log),
 * after a checkpoint: stronger than a dump, it also finds plaintext that was written and deleted again;</li>
 * <li>the metrics scrape ({@code /actuator/prometheus}).</li>
 * </ul>
 * Logs are checked for every test class by {@code CanaryCheckExtension}; email bodies are not kept by Vern
 * (queued mail is held only encrypted and erased once sent; sent mail lives only in the SMTP server), and
 * access exports are built in memory per download.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.tomcat.basedir=target/canary-files/tomcat", "vern.data-dir=target/canary-files/data" })
@Import(CanaryFilesTest.ScanAtEndOfRequest.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CanaryFilesTest {

    /** Names of the temp files that libraries create when they spool content to disk. */
    private static final Pattern SPOOLED = Pattern.compile(
            "(?i)^(upload_.*|apache-tika-.*|.*\\.tika.*|pdfbox.*|.*scratch.*|poifiles|poi-.*|imageio.*|MultiPart.*)$");
    private static final List<String> FINDINGS = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> SPOOLED_FILES = Collections.synchronizedList(new ArrayList<>());
    private static final Instant STARTED = Instant.now();
    private static volatile int scans;

    @LocalServerPort
    int port;
    @Autowired
    ApiTokens tokens;
    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    private final HttpClient http = HttpClient.newHttpClient();
    private WatchService watcher;
    private Thread watching;
    private String bearer;

    @BeforeAll
    void watchTheTempFolder() throws IOException {
        watcher = FileSystems.getDefault().newWatchService();
        tempDir().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        watching = new Thread(() -> {
            try {
                while (true) {
                    WatchKey key = watcher.take();
                    key.pollEvents().forEach(e -> {
                        String name = String.valueOf(e.context());
                        if (SPOOLED.matcher(name).matches()) {
                            SPOOLED_FILES.add(name);
                        }
                    });
                    key.reset();
                }
            } catch (InterruptedException | ClosedWatchServiceException stopped) {
                // done
            }
        }, "temp-folder-watch");
        watching.setDaemon(true);
        watching.start();
        bearer = Tokens.bearer(tokens, ApiScope.SUBJECTS_READ, ApiScope.SUBJECTS_WRITE, ApiScope.SUBJECTS_ERASE,
                ApiScope.ELIGIBILITY_CHECK, ApiScope.METRICS_READ, ApiScope.CONSENT_WRITE);
    }

    @AfterAll
    void stopWatching() throws IOException {
        watcher.close();
        watching.interrupt();
    }

    @Test
    void canariesNeverReachAFileOrTheMetricsNorStayInTheDatabaseServersFiles() throws Exception {
        String contact = id(send("POST", "/api/v1/subjects", "application/json", json("""
                {"kinds":["CUSTOMER_CONTACT"],"purpose":"customer-administration","name":"%s","email":"%s",
                 "phone":"%s","bankAccount":"%s"}""".formatted(Canaries.NAME, Canaries.EMAIL, Canaries.PHONE,
                Canaries.IBAN)), 201));
        assertThat(send("POST", "/api/v1/subjects/search", "application/json",
                json("{\"email\":\"" + Canaries.EMAIL + "\"}"), 200)).contains(contact);
        assertThat(send("GET", "/api/v1/subjects/" + contact, null, null, 200, "Vern-Purpose", "customer-administration"))
                .contains(Canaries.NAME);

        String consent = send("POST", "/api/v1/consents", "application/json",
                json("{\"purpose\":\"recruitment\",\"channel\":\"WEB_FORM\",\"language\":\"nb\"}"), 201);
        String candidate = consent.replaceAll("(?s).*\"subjectId\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1");
        send("POST", "/api/v1/subjects", "application/json", json("""
                {"id":"%s","kinds":["CANDIDATE"],"purpose":"recruitment","name":"%s","email":"kandidat.%s"}"""
                .formatted(candidate, Canaries.NAME, Canaries.EMAIL)), 201);
        send("POST", "/api/v1/subjects/" + candidate + "/attachments",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx(), 201,
                "Vern-Purpose", "recruitment");

        String boundary = "canary" + UUID.randomUUID();
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + Canaries.EMAIL + "\nnoen.andre@example.no\n" + "x".repeat(64 * 1024)
                + "\r\n--" + boundary + "--\r\n";
        send("POST", "/api/v1/eligibility?purpose=newsletter", "multipart/form-data; boundary=" + boundary,
                multipart.getBytes(StandardCharsets.UTF_8), 200);
        send("POST", "/api/v1/subjects/import?dryRun=false", "text/csv", ("navn;e-post;telefon\n" + Canaries.NAME
                + ";import." + Canaries.EMAIL + ";" + Canaries.PHONE + "\n").getBytes(StandardCharsets.UTF_8), 200);

        for (String id : List.of(contact, candidate)) {
            send("DELETE", "/api/v1/subjects/" + id, null, null, 204);
        }
        String imported = id(send("POST", "/api/v1/subjects/search", "application/json",
                json("{\"email\":\"import." + Canaries.EMAIL + "\"}"), 200).replaceAll("(?s).*?\"items\":\\[", ""));
        send("DELETE", "/api/v1/subjects/" + imported, null, null, 204);

        String metrics = send("GET", "/actuator/prometheus", null, null, 200);
        assertThat(metrics).contains("http_server_requests");
        for (String canary : forms()) {
            assertThat(metrics).as("metrics scrape").doesNotContain(canary);
        }

        assertThat(scans).as("file scans at the end of requests").isGreaterThanOrEqualTo(9);
        assertThat(FINDINGS).as("canaries in files at the end of a request").isEmpty();
        assertThat(SPOOLED_FILES).as("files spooled into the temp folder during the requests").isEmpty();

        JdbcClient db = JdbcClient.create(owner);
        db.sql("CHECKPOINT").update();
        Path dataDirectory = Path.of(db.sql("SHOW data_directory").query(String.class).single());
        List<String> inDatabaseFiles = new ArrayList<>();
        long searched = search(dataDirectory, Instant.EPOCH, inDatabaseFiles);
        assertThat(searched).as("bytes of database files searched").isGreaterThan(1_000_000);
        assertThat(inDatabaseFiles).as("canaries in the database server's files (tables, dead rows, WAL)").isEmpty();
    }

    private static List<String> forms() {
        List<String> forms = new ArrayList<>(Canaries.ALL);
        forms.add(Canaries.EMAIL.toLowerCase(Locale.ROOT));
        return forms;
    }

    /** Searches every regular file under {@code root} modified since {@code since}; returns the bytes searched. */
    static long search(Path root, Instant since, List<String> findings) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        long[] bytes = { 0 };
        try (Stream<Path> files = Files.walk(root)) {
            files.forEach(file -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                    if (!a.isRegularFile() || a.size() > 256L * 1024 * 1024 || a.lastModifiedTime().toInstant().isBefore(since)) {
                        return;
                    }
                    String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    bytes[0] += content.length();
                    for (String canary : forms()) {
                        if (content.contains(new String(canary.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                            findings.add(file + " holds a canary (" + canary.length() + " chars)");
                        }
                    }
                } catch (IOException gone) {
                    // deleted while walking (a temp file): nothing left to hold a canary
                }
            });
        } catch (java.io.UncheckedIOException gone) {
            // a directory vanished while walking
        }
        return bytes[0];
    }

    private static Path tempDir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * At the end of each request, before the container deletes the multipart parts, the folders that a
     * request could write to are searched.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class ScanAtEndOfRequest {

        @Bean
        WebMvcConfigurer scanFilesAtEndOfRequest() {
            return new WebMvcConfigurer() {
                @Override
                public void addInterceptors(InterceptorRegistry registry) {
                    registry.addInterceptor(new HandlerInterceptor() {
                        @Override
                        public void afterCompletion(HttpServletRequest request, HttpServletResponse response,
                                Object handler, Exception ex) throws IOException {
                            if (!request.getRequestURI().startsWith("/api/")) {
                                return;
                            }
                            search(Path.of("target/canary-files"), Instant.EPOCH, FINDINGS);
                            search(tempDir(), STARTED, FINDINGS);
                            scans++;
                        }
                    });
                }
            };
        }
    }

    private static String id(String body) {
        var m = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(body);
        assertThat(m.find()).as("an id in the answer").isTrue();
        return m.group(1);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A minimal Word document whose text is the canary name, email and phone (a CV). */
    private static byte[] docx() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                    <Default Extension="xml" ContentType="application/xml"/>\
                    <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
            entry(zip, "word/document.xml", """
                    <?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
                    <w:body><w:p><w:r><w:t>%s, %s, %s</w:t></w:r></w:p></w:body></w:document>"""
                    .formatted(Canaries.NAME, Canaries.EMAIL, Canaries.PHONE));
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        entry.setSize(data.length);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    private String send(String method, String path, String type, byte[] body, int expected, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", bearer);
        if (type != null) {
            request.header("Content-Type", type);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path.replaceAll("\\?.*", "") + ": " + response.body())
                .isEqualTo(expected);
        return response.body();
    }
}
