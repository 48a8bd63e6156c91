package org.linli.central.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Finding M7: names that do not exist, asked for by anyone before signing in, are never kept. */
class ClasspathFilesTest {
    @Test
    void keepsTheFilesFoundAndForgetsEveryMiss() {
        ClasspathFiles files = new ClasspathFiles("web");
        for (int i = 0; i < 10_000; i++) {
            assertTrue(files.read("static/" + "a".repeat(100) + i).isEmpty());
        }
        assertEquals(0, files.cached());
        assertTrue(files.read("login.html").isPresent());
        assertTrue(files.read("login.html").isPresent());
        assertEquals(1, files.cached());
    }
}
