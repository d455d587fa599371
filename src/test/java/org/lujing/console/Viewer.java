package org.lujing.console;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.stream.Stream;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** A console request signed in as a viewer, with the authorities the console gives that role. */
final class Viewer {

    private Viewer() {}

    static RequestPostProcessor signedIn() {
        return user("viewer")
                .authorities(Stream.of(ConsoleRole.VIEWER.authorities())
                        .map(SimpleGrantedAuthority::new)
                        .toList());
    }
}
