package org.lujing.read;

import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import org.junit.jupiter.api.Test;

class TmpFuzzTests {
    @Test
    void fuzz() throws Exception {
        Path dir = Path.of("/tmp/fuzz");
        List<Path> seeds = new ArrayList<>();
        try (var s = Files.list(Path.of("../shared/corpus/poi-spreadsheets"))) {
            s.filter(p -> p.toString().endsWith(System.getProperty("fuzzext", ".xls"))).filter(p -> {
                try { return Files.size(p) < 200_000; } catch (Exception e) { return false; }
            }).sorted().forEach(seeds::add);
        }
        Random rnd = new Random(Long.getLong("seed", 1));
        ExecutorService pool = Executors.newCachedThreadPool(r -> { Thread t = new Thread(r); t.setDaemon(true); return t; });
        int n = Integer.getInteger("n", 2000);
        Map<String, Integer> out = new TreeMap<>();
        long maxMs = 0; String slow = "";
        for (int i = 0; i < n; i++) {
            Path seed = seeds.get(rnd.nextInt(seeds.size()));
            byte[] b = Files.readAllBytes(seed);
            int flips = 1 + rnd.nextInt(20);
            for (int k = 0; k < flips; k++) {
                int pos = rnd.nextInt(b.length);
                switch (rnd.nextInt(3)) {
                    case 0 -> b[pos] = (byte) rnd.nextInt(256);
                    case 1 -> b[pos] = (byte) 0xFF;
                    default -> b[pos] = 0;
                }
            }
            Path f = dir.resolve("m" + i + "-" + seed.getFileName());
            Files.write(f, b);
            long t0 = System.nanoTime();
            Future<Integer> fut = pool.submit(() -> PoiCorpusRobustnessTests.readEveryRow(f));
            String o;
            try {
                o = "rows"; fut.get(10, TimeUnit.SECONDS);
                Files.delete(f);
            } catch (TimeoutException e) {
                fut.cancel(true); o = "HUNG"; System.out.println("HUNG " + f);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnreadableFileException u) { o = u.outcome().name(); Files.delete(f); }
                else { o = "THREW " + e.getCause().getClass().getName(); System.out.println(o + " " + f + " " + e.getCause()); }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > maxMs) { maxMs = ms; slow = f.toString(); }
            out.merge(o, 1, Integer::sum);
        }
        System.out.println("FUZZ " + out + " max " + maxMs + " ms " + slow);
    }
}
