package se.gransnav.intake;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.springframework.stereotype.Component;

/**
 * The inbox folders' file filter ({@code filter=#inboxFileNames} in
 * {@code routes/file-intake.camel.yaml}), which sees each file under its real name before Camel
 * reads it. Camel turns a {@code \} in a name into a path separator on Linux, so a partner's file
 * named {@code x\..\..\other-partner\file.csv} would be read from another folder, and under
 * another partner's name. Such a file — a name with {@code \}, {@code /} or a control character —
 * is refused here, before anything opens it: moved to {@code .error/} and given a receipt, both
 * under a harmless form of its name ({@link FileIntake#refuseName}). Names beginning with
 * {@code .} never get here: Camel leaves them alone as files still being written.
 */
@Component
class InboxFileNames implements GenericFileFilter<File> {

    private final FileIntake intake;

    InboxFileNames(FileIntake intake) {
        this.intake = intake;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        File real = file.getFile();
        if (real == null || real.isDirectory()) {
            return false;
        }
        if (acceptable(real.getName())) {
            return true;
        }
        try {
            intake.refuseName(real.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return false;
    }

    static boolean acceptable(String name) {
        return name.chars().noneMatch(InboxFileNames::refused);
    }

    /** {@code name} with every character {@link #acceptable} refuses replaced by {@code _}. */
    static String harmless(String name) {
        StringBuilder safe = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            safe.append(refused(c) ? '_' : c);
        }
        return safe.toString();
    }

    /** A path separator (either kind) or a control character. */
    private static boolean refused(int c) {
        return c == '\\' || c == '/' || c < 0x20 || c == 0x7f;
    }
}
