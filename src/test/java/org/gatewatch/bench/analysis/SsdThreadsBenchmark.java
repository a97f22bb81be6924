package org.gatewatch.bench.analysis;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.gatewatch.natives.PersonModel;
import org.gatewatch.natives.TfLiteModel;
import org.gatewatch.natives.TfLiteRuntime;

/**
 * {@code bin/gatewatch bench-ssd-threads}: what interpreter threads do for the person model (SSD-MobileNet, 300×300)
 * on this machine, the figures behind {@code natives/InferenceThreads}: one camera's runs and two cameras' runs at
 * once, on interpreters of one and of two threads (wall ms a run per camera, the process's CPU ms a run, runs a
 * second in all); and an interpreter built with one thread and then told to use two. The table on standard output is
 * this tool's product (hence the PrintStream).
 */
public final class SsdThreadsBenchmark {

    private static final int WARMUP = 5;
    private static final int RUNS = 40;

    private SsdThreadsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run(PersonModel.locate(), System.out);
    }

    static void run(Path model, PrintStream out) throws Exception {
        out.printf("cores %d, %d runs per camera after %d warm-up runs, random input%n",
                Runtime.getRuntime().availableProcessors(), RUNS, WARMUP);
        out.println("cameras threads  wall_ms_per_run  cpu_ms_per_run  runs_per_s");
        for (int cameras : new int[] {1, 2}) {
            for (int threads : new int[] {1, 2}) {
                List<TfLiteModel> models = new ArrayList<>();
                try {
                    for (int i = 0; i < cameras; i++) {
                        models.add(filled(new TfLiteModel(model, threads)));
                    }
                    row(out, cameras, threads, models);
                } finally {
                    models.forEach(TfLiteModel::close);
                }
            }
        }
        out.printf("built with 1 thread, then SetNumThreads(2): %.1f ms a run; built with 2: %.1f ms%n",
                toldTwoThreads(model, 1), toldTwoThreads(model, 2));
    }

    private static TfLiteModel filled(TfLiteModel m) {
        byte[] pixels = new byte[m.inputShape()[1] * m.inputShape()[2] * 3];
        new Random(1).nextBytes(pixels);
        m.inputBytes().put(pixels);
        for (int i = 0; i < WARMUP; i++) {
            m.invoke();
        }
        return m;
    }

    private static void row(PrintStream out, int cameras, int threads, List<TfLiteModel> models) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(models.size());
        try {
            double cpu0 = cpuMillis();
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (TfLiteModel m : models) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < RUNS; i++) {
                        m.invoke();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double wall = (System.nanoTime() - t0) / 1e6;
            double cpu = cpuMillis() - cpu0;
            out.printf("%7d %7d  %15.1f  %14.1f  %10.1f%n", cameras, threads, wall / RUNS, cpu / (RUNS * cameras),
                    RUNS * cameras * 1000 / wall);
        } finally {
            pool.shutdown();
        }
    }

    /** Wall ms a run of an interpreter built with {@code builtWith} threads and then set to two. */
    private static double toldTwoThreads(Path model, int builtWith) {
        TfLiteRuntime.load();
        FlatBufferModel flat = FlatBufferModel.BuildFromFile(model.toString());
        BuiltinOpResolver resolver = new BuiltinOpResolver();
        Interpreter interpreter = new Interpreter((Pointer) null);
        InterpreterBuilder builder = new InterpreterBuilder(flat, resolver);
        try {
            builder.apply(interpreter, builtWith);
            interpreter.AllocateTensors();
            interpreter.SetNumThreads(2);
            for (int i = 0; i < WARMUP; i++) {
                interpreter.Invoke();
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < RUNS; i++) {
                interpreter.Invoke();
            }
            return (System.nanoTime() - t0) / 1e6 / RUNS;
        } finally {
            builder.deallocate();
            interpreter.deallocate();
            resolver.deallocate();
            flat.deallocate();
        }
    }

    private static double cpuMillis() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
    }
}
