package org.lujing.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code POST /api/upload/{source}}: a file into a source's inbox, its name sanitised and masked; operators. */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Tag(name = "lujing")
class UploadApiController implements ApiResource {

    private final InboxUpload upload;

    UploadApiController(InboxUpload upload) {
        this.upload = upload;
    }

    @Operation(summary = "Upload a file into a source's inbox; operators")
    @PostMapping(
            path = "/api/upload/{source}",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> upload(
            @PathVariable String source, @RequestParam("file") MultipartFile file, Authentication user)
            throws IOException {
        Path stored =
                upload.store(source, file.getOriginalFilename(), file.getSize(), file.getInputStream(), user.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("source", source, "storedAs", "inbox/" + source + "/" + stored.getFileName()));
    }
}
