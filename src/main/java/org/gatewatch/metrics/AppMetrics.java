package org.gatewatch.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.analysis.StageTimer;
import org.gatewatch.camera.CameraRegistry;
import org.gatewatch.events.EventListener;
import org.gatewatch.events.journal.Journal;
import org.gatewatch.events.journal.JournalReader;
import org.gatewatch.outputs.MqttPublisher;
import org.gatewatch.outputs.WebhookSender;

/**
 * The application's one meter registry, in the Prometheus format: made when the application starts and closed
 * when it stops, with the JVM binders that hold JVM listeners, so a reload leaves nothing registered. Never the
 * global registry: two deployments in one Tomcat (or one reloaded) each keep their own.
 */
public final class AppMetrics implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(AppMetrics.class);

    /** The ServletContext attribute {@link MetricsServlet} reads it from. */
    public static final String ATTRIBUTE = AppMetrics.class.getName();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ExpositionFormats formats = ExpositionFormats.init();
    /** Binders that register listeners with the JVM (GC notifications) and must let go of them at stop. */
    private final List<AutoCloseable> closeable = new ArrayList<>();

    private AppMetrics() {
    }

    /** The registry with the JVM and process meters: memory, GC, threads, classes, CPU, uptime, file descriptors. */
    public static AppMetrics start() {
        AppMetrics metrics = new AppMetrics();
        for (MeterBinder binder : List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmHeapPressureMetrics(),
                new JvmThreadMetrics(), new ClassLoaderMetrics(), new JvmInfoMetrics(), new ProcessorMetrics(),
                new UptimeMetrics(), new FileDescriptorMetrics())) {
            binder.bindTo(metrics.registry);
            if (binder instanceof AutoCloseable c) {
                metrics.closeable.add(c);
            }
        }
        return metrics;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Per camera: frames, viewers, state, reconnects, analysis rate; and the viewers across all cameras. */
    public void bindCameras(CameraRegistry cameras) {
        CameraMeters.bind(registry, cameras);
    }

    /** The capture-to-publish timer of one camera, for its capture thread. */
    public LongConsumer publishTimer(String cameraId) {
        return CameraMeters.publishTimer(registry, cameraId);
    }

    /** The analysis stage timers of one camera, for its analysis thread. */
    public StageTimer stageTimer(String cameraId) {
        return new MeteredStageTimer(registry, cameraId);
    }

    /** Counts the decisions the event recorder commits; a listener of the recorder. */
    public EventListener decisions() {
        return new DecisionMeter(registry);
    }

    /**
     * The journal: decisions it could not write to disk, and how far a reader ({@code output="database"},
     * {@code "audit"}) is behind, what it delivered, what it had to skip.
     */
    public void bindJournal(Journal journal, Map<String, JournalReader> readers) {
        FunctionCounter.builder("gatewatch.journal.not.written", journal, Journal::notWritten)
                .description("Decisions that could not be written to the journal (a full disk): handed on from memory,"
                        + " a restart would lose them").register(registry);
        FunctionCounter.builder("gatewatch.journal.lost", journal, Journal::lost)
                .description("Decisions neither on disk nor in memory when a reader came for them").register(registry);
        readers.forEach((output, reader) -> OutputMeters.bind(registry, output, reader, JournalReader::behind,
                JournalReader::delivered, JournalReader::refused));
    }

    public void bindWebhook(WebhookSender webhook) {
        // An event that expired undelivered is lost as surely as one a full queue would have refused.
        OutputMeters.bind(registry, "webhook", webhook, WebhookSender::backlog, WebhookSender::delivered,
                w -> w.dropped() + w.failed());
    }

    public void bindMqtt(MqttPublisher mqtt) {
        OutputMeters.bind(registry, "mqtt", mqtt, MqttPublisher::backlog, MqttPublisher::published,
                MqttPublisher::dropped);
    }

    /** The Content-Type of the format {@link #scrape} writes for this Accept header (null: the Prometheus text). */
    public String contentType(String accept) {
        return formats.findWriter(accept == null ? "" : accept).getContentType();
    }

    /** Writes every meter in the format the Accept header asks for: Prometheus text, OpenMetrics or protobuf. */
    public void scrape(OutputStream out, String accept) throws IOException {
        registry.scrape(out, accept == null ? "" : accept);
    }

    /** Lets go of the JVM listeners, then of every meter. Idempotent. */
    @Override
    public void close() {
        for (AutoCloseable c : closeable) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.error("Closing the metrics of {} failed", c.getClass().getSimpleName(), e);
            }
        }
        closeable.clear();
        registry.close();
    }
}
