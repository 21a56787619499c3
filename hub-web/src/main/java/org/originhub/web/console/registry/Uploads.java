package org.originhub.web.console.registry;

import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.originhub.registry.errors.InvalidInputException;

/** The bytes of an uploaded certificate or CRL file (PEM or DER: the registry parses both). */
final class Uploads {

    /** Far above any certificate or CRL a community issues; the servlet's multipart limit stops larger files first. */
    static final int MAXIMUM = 1024 * 1024;

    private Uploads() {
    }

    static byte[] bytes(Part file, String what) {
        if (file == null || file.getSize() == 0) {
            throw new InvalidInputException("MissingCertificate", "Choose the " + what + " file (PEM or DER)");
        }
        if (file.getSize() > MAXIMUM) {
            throw new InvalidInputException("FileTooLarge", "The " + what + " file is larger than 1 MB");
        }
        try (InputStream in = file.getInputStream()) {
            return in.readNBytes(MAXIMUM);
        } catch (IOException e) {
            throw new UncheckedIOException("the upload could not be read", e);
        }
    }
}
