package org.gatewatch.capture;

import java.io.IOException;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.gatewatch.config.Secrets;
import org.opencv.core.Mat;

/**
 * Video through FFmpeg (JavaCV): files, RTSP and V4L2. OpenCV's own VideoCapture in these builds opens neither files
 * nor streams, so FFmpeg decodes and the frame is handed over as an org.opencv Mat without a copy.
 */
public final class FfmpegSource implements FrameSource {

    private final String url;
    private final String format;
    private final Map<String, String> options;
    private final boolean loop;
    private final Pacer pacer;
    private FFmpegFrameGrabber grabber;
    private OpenCVFrameConverter.ToOrgOpenCvCoreMat converter;

    /**
     * @param format  FFmpeg input format, or null to probe
     * @param options FFmpeg input options (e.g. rtsp_transport)
     * @param loop    start again at the end (files acting as a camera)
     * @param pace    deliver at the file's own frame rate instead of as fast as it decodes
     */
    public FfmpegSource(String url, String format, Map<String, String> options, boolean loop, boolean pace) {
        this.url = url;
        this.format = format;
        this.options = Map.copyOf(options);
        this.loop = loop;
        this.pacer = pace ? new Pacer() : null;
    }

    public static FfmpegSource file(String path) {
        return new FfmpegSource(path, null, Map.of(), true, true);
    }

    public static FfmpegSource rtsp(String url) {
        // TCP survives loss and NAT better than UDP; the timeout (µs) ends a read from a server that went silent.
        return new FfmpegSource(url, null, Map.of("rtsp_transport", "tcp", "timeout", "5000000"), false, false);
    }

    public static FfmpegSource v4l2(String device) {
        return new FfmpegSource(device, "video4linux2", Map.of(), false, false);
    }

    @Override
    public void open() throws IOException {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(url);
        if (format != null) {
            g.setFormat(format);
        }
        options.forEach(g::setOption);
        try {
            g.start();
        } catch (FrameGrabber.Exception e) {
            closeQuietly(g);
            throw masked("cannot open", e);
        }
        grabber = g;
        converter = new OpenCVFrameConverter.ToOrgOpenCvCoreMat();
        if (pacer != null) {
            pacer.start(g.getFrameRate());
        }
    }

    @Override
    public Mat grab() throws IOException {
        try {
            Frame frame = grabber.grabImage();
            if (frame == null && loop) {
                grabber.setTimestamp(0L);
                frame = grabber.grabImage();
            }
            if (frame == null) {
                return null;
            }
            if (pacer != null) {
                pacer.awaitNext();
            }
            return converter.convert(frame);
        } catch (FrameGrabber.Exception e) {
            throw masked("read failed on", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public double fps() {
        return grabber == null ? 0 : grabber.getFrameRate();
    }

    @Override
    public void close() {
        if (converter != null) {
            converter.close();
            converter = null;
        }
        if (grabber != null) {
            closeQuietly(grabber);
            grabber = null;
        }
    }

    /**
     * FFmpeg's message quotes the URL with its password, and a cause is logged with its message: the cause is kept
     * as a copy with the message masked and the same stack trace.
     */
    private IOException masked(String what, FrameGrabber.Exception e) {
        IOException cause = new IOException(e.getClass().getName() + ": " + Secrets.maskUrl(e.getMessage()));
        cause.setStackTrace(e.getStackTrace());
        if (e.getCause() != null) {
            cause.initCause(e.getCause());
        }
        return new IOException(what + " " + Secrets.maskUrl(url) + ": " + Secrets.maskUrl(e.getMessage()), cause);
    }

    private static void closeQuietly(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (FrameGrabber.Exception e) {
            org.apache.logging.log4j.LogManager.getLogger(FfmpegSource.class).debug("close failed", e);
        }
    }
}
