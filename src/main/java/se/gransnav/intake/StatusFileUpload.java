package se.gransnav.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

import se.gransnav.system.BufferedRequest;

/**
 * {@code POST /api/v1/statusfiler} carries a whole status file, up to
 * {@code gransnav.inbox.max-file-size} (100 MB). The routes would get the body as one string, so
 * this filter streams it to a spool file first (refusing it with HUB-012 past the limit) and
 * hands the route the spool file's path in the header {@value #HEADER} instead of the body. The
 * header cannot be forged: the client's own value of it is hidden. The spool file and the receipt
 * written beside it ({@link #receiptOf}) are deleted when the request ends.
 */
@Configuration(proxyBeanMethods = false)
class StatusFileUpload {

    static final String HEADER = "X-Gransnav-Upload";
    static final String PATH = "/api/v1/statusfiler";

    /** Where the receipt of {@code upload} is written: beside it, and deleted with it. */
    static Path receiptOf(Path upload) {
        return upload.resolveSibling(upload.getFileName() + ".receipt.json");
    }

    private static void deleteWithReceipt(Path upload) throws IOException {
        Files.deleteIfExists(upload);
        Files.deleteIfExists(receiptOf(upload));
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> statusFileUploadSpool(InboxProperties inbox,
                                                                       org.springframework.core.env.Environment env) {
        Path spool = Path.of(env.getProperty("gransnav.data-dir", "./data"), "spool");
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new Spool(spool, inbox.maxFileSize().toBytes()));
        registration.addUrlPatterns(PATH);
        registration.setName("statusFileUploadSpool");
        return registration;
    }

    static final class Spool extends PostBodyFilter {

        private final Path dir;

        Spool(Path dir, long limit) {
            super(limit, "file");
            this.dir = dir;
        }

        @Override
        protected void filterBody(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "upload-", ".csv");
            boolean async = false;
            try {
                if (!copyAtMost(request.getInputStream(), file, limit)) {
                    tooLarge(response);
                    return;
                }
                HttpServletRequest spooled = new Spooled(request, file);
                chain.doFilter(spooled, response);
                // Camel answers asynchronously: the spool file must outlive this call.
                if (spooled.isAsyncStarted()) {
                    spooled.getAsyncContext().addListener(new DeleteWhenDone(file));
                    async = true;
                }
            } finally {
                if (!async) {
                    deleteWithReceipt(file);
                }
            }
        }

        private static boolean copyAtMost(InputStream in, Path file, long limit) throws IOException {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    total += n;
                    if (total > limit) {
                        return false;
                    }
                    out.write(buffer, 0, n);
                }
            }
            return true;
        }

    }

    /**
     * Deletes the spool file and its receipt once an asynchronous request has ended, however it
     * ended: the answer (the receipt) has been written by then.
     */
    record DeleteWhenDone(Path file) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) throws IOException {
            deleteWithReceipt(file);
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            deleteWithReceipt(file);
        }

        @Override
        public void onError(AsyncEvent event) throws IOException {
            deleteWithReceipt(file);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }

    /** The request with an empty body and the spool file's path in {@value #HEADER}. */
    static final class Spooled extends BufferedRequest {

        private final String path;

        Spooled(HttpServletRequest request, Path file) {
            super(request, new byte[0]);
            this.path = file.toAbsolutePath().toString();
        }

        @Override
        public String getHeader(String name) {
            return HEADER.equalsIgnoreCase(name) ? path : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HEADER.equalsIgnoreCase(name) ? Collections.enumeration(List.of(path)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames()).stream()
                    .filter(n -> !HEADER.equalsIgnoreCase(n)).collect(java.util.stream.Collectors.toList());
            names.add(HEADER);
            return Collections.enumeration(names);
        }
    }
}
