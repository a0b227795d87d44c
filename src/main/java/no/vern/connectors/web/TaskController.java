package no.vern.connectors.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import no.vern.connectors.ExternalAnswers;
import no.vern.shared.InvalidInput;
import no.vern.shared.PayloadTooLarge;

/**
 * The manual task page: the responsible person of a system without an API opens the emailed link, sees
 * whom to look for, and uploads the export or confirms the erasure. The link's token is the only key.
 */
@Controller
class TaskController {

    private static final long MAX_UPLOAD = 5L * 1024 * 1024;

    private final ExternalAnswers answers;

    TaskController(ExternalAnswers answers) {
        this.answers = answers;
    }

    @GetMapping("/connectors/task/{stepId}")
    @PreAuthorize("permitAll()")
    String show(@PathVariable UUID stepId, @RequestParam(name = "t", defaultValue = "") String token, Model model) {
        model.addAttribute("task", answers.openTask(stepId, token));
        model.addAttribute("token", token);
        return "connectors/task";
    }

    @PostMapping("/connectors/task/{stepId}")
    @PreAuthorize("permitAll()")
    String complete(@PathVariable UUID stepId, @RequestParam(name = "t", defaultValue = "") String token,
            @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
            @RequestParam(name = "confirmed", defaultValue = "false") boolean confirmed, Model model) throws IOException {
        String export = null;
        if (file != null && !file.isEmpty()) {
            if (file.getSize() > MAX_UPLOAD) {
                throw new PayloadTooLarge(MAX_UPLOAD);
            }
            export = text(file.getBytes());
        }
        try {
            answers.completeTask(stepId, token, export, confirmed);
        } catch (InvalidInput e) {
            model.addAttribute("task", answers.openTask(stepId, token));
            model.addAttribute("token", token);
            model.addAttribute("error", true);
            return "connectors/task";
        }
        return "connectors/task-done";
    }

    /** UTF-8 text as is; anything else base64 with a prefix (the export is text). */
    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(bytes);
        }
    }
}
