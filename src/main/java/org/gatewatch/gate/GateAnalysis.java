package org.gatewatch.gate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.analysis.Box;
import org.gatewatch.analysis.FrameAnalyzer;
import org.gatewatch.analysis.Overlay;
import org.gatewatch.analysis.RateMeter;
import org.gatewatch.analysis.faces.FaceBox;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.analysis.faces.Match;
import org.gatewatch.analysis.faces.RecognizedFace;
import org.gatewatch.analysis.pedestrians.PedestrianAnalyzer;
import org.gatewatch.analysis.track.Tracker;
import org.gatewatch.analysis.track.Tracker.Observation;
import org.gatewatch.analysis.track.Tracker.TrackedObject;
import org.gatewatch.config.TrackerConfig;
import org.gatewatch.events.Decision;
import org.gatewatch.events.NewEvent;
import org.gatewatch.people.Person;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The gate's live analysis of one camera: pedestrians are detected and tracked ({@link PedestrianAnalyzer}, the same
 * code as {@code bin/gatewatch analyze}); inside each undecided person the face is recognised and votes for a name
 * over several frames, and the faces that could grant access get a liveness score; each walk-through gets one
 * access decision, recorded as an event with its snapshots; the overlay shows boxes coloured by decision, track
 * ids, names, counts and the analysis rate.
 *
 * <p>Runs on the camera's analysis thread only; the overlays it returns are drawn by the capture thread.
 */
public final class GateAnalysis implements FrameAnalyzer {

    private static final Logger LOG = LogManager.getLogger(GateAnalysis.class);

    /** A track unseen for this many analysed frames has left: its walk is decided and forgotten. */
    static final int WALK_ENDS_AFTER = 15;
    /** Tracks shorter than this are noise, not a walk-through: no event. */
    static final int MIN_WALK_FRAMES = 3;
    /**
     * Faces are looked for when something moves or someone is tracked; and every this many analysed frames anyway,
     * so a person standing still in front of the gate since before the background was learnt is still seen.
     */
    public static final int FACE_SCAN_EVERY = 10;
    /** Face-only tracks (no person box around the face) get ids from here, apart from pedestrian track ids. */
    static final int FACE_TRACK_OFFSET = 1_000_000;

    // BGR colours per decision.
    private static final Scalar UNDECIDED = new Scalar(0, 191, 255);
    private static final Scalar GRANTED = new Scalar(80, 200, 60);
    private static final Scalar DENIED = new Scalar(60, 60, 240);
    private static final Scalar PASSAGE = new Scalar(200, 160, 60);
    private static final Scalar LINE = new Scalar(255, 160, 0);
    private static final Scalar HUD_BG = new Scalar(20, 20, 20);
    private static final Scalar WHITE = new Scalar(255, 255, 255);

    private final String cameraId;
    private final PedestrianAnalyzer people;
    private final FaceChecks faces;
    private final Supplier<Gallery> gallery;
    private final LongFunction<Optional<Person>> persons;
    private final Consumer<NewEvent> events;
    private final AccessPolicy policy;
    private final Clock clock;
    private final double[] countingLine;
    private final Map<Integer, Walk> walks = new HashMap<>();
    private final Tracker faceTracker = new Tracker(TrackerConfig.DEFAULTS);
    private final MatOfByte jpeg = new MatOfByte();
    private final MatOfInt jpegParams = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 85);
    private long frameIndex;
    private volatile long[] crossings = {0, 0};
    private final RateMeter rate = new RateMeter();

    /**
     * @param faces        face recognition and liveness, or null to decide on pedestrians only (every walk is a
     *                     PASSAGE)
     * @param gallery      the enrolled faces now; read on every frame, so a retrained gallery applies at once
     * @param persons      the stored person by id, for the access rules
     * @param events       where decisions go (the event recorder)
     * @param countingLine x1,y1,x2,y2 drawn on the stream, or null
     * @param policy       the access rules, with the camera's liveness rule
     */
    public GateAnalysis(String cameraId, PedestrianAnalyzer people, FaceChecks faces, Supplier<Gallery> gallery,
                        LongFunction<Optional<Person>> persons, Consumer<NewEvent> events, Clock clock,
                        double[] countingLine, AccessPolicy policy) {
        this.cameraId = cameraId;
        this.people = people;
        this.faces = faces;
        this.gallery = gallery;
        this.persons = persons;
        this.events = events;
        this.clock = clock;
        this.countingLine = countingLine == null ? null : countingLine.clone();
        this.policy = policy;
    }

    @Override
    public Overlay analyze(Mat frame, long captureMillis) {
        frameIndex++;
        PedestrianAnalyzer.Result result = people.analyze(frame);
        crossings = new long[] {result.in(), result.out()};
        Gallery enrolled = gallery.get();
        for (TrackedObject p : result.people()) {
            seen(walk(p.id(), enrolled), frame);
        }
        List<TrackedObject> faceOnly = List.of();
        boolean lookForFaces = result.motion() || !result.people().isEmpty() || faceTracker.size() > 0
                || frameIndex % FACE_SCAN_EVERY == 1;
        if (faces != null && lookForFaces) {
            faceOnly = recognizeFaces(frame, result.people(), enrolled);
        }
        for (Walk walk : walks.values()) {
            if (walk.verdict == null && walk.lastSeenFrame == frameIndex && walk.vote.decided()) {
                decide(walk, captureMillis);
            }
        }
        endFinishedWalks(captureMillis);
        rate.tick();
        return overlay(result, faceOnly);
    }

    private Walk walk(int trackId, Gallery enrolled) {
        return walks.computeIfAbsent(trackId, id -> new Walk(id,
                new TrackVote(faces == null ? TrackVote.DEFAULT_MIN_VOTES : faces.votes(), enrolled.threshold())));
    }

    private void seen(Walk walk, Mat frame) {
        walk.lastSeenFrame = frameIndex;
        walk.frames++;
        if (walk.frameJpeg == null && walk.frames >= MIN_WALK_FRAMES) {
            walk.frameJpeg = encode(frame);
        }
    }

    /**
     * Finds the faces of the whole frame (one detector pass, whatever the number of people) and gives each to the
     * person whose box holds it. A face with no person around it (a close-up gate camera, where no whole body is in
     * view) is tracked on its own. Returns those face-only tracks, for the overlay.
     */
    private List<TrackedObject> recognizeFaces(Mat frame, List<TrackedObject> people, Gallery enrolled) {
        List<RecognizedFace> found = faces.recognizer().recognizeLive(frame, enrolled);
        List<RecognizedFace> alone = new ArrayList<>();
        for (RecognizedFace f : found) {
            TrackedObject owner = owner(f.face().box(), people);
            if (owner == null) {
                alone.add(f);
            } else {
                addFace(walks.get(owner.id()), f, frame);
            }
        }
        List<Observation> observations = new ArrayList<>(alone.size());
        for (RecognizedFace f : alone) {
            FaceBox b = f.face().box();
            observations.add(new Observation(new Box(b.x(), b.y(), b.width(), b.height()), b.score()));
        }
        List<TrackedObject> tracked = faceTracker.update(observations);
        for (TrackedObject t : tracked) {
            Walk walk = walk(FACE_TRACK_OFFSET + t.id(), enrolled);
            seen(walk, frame);
            RecognizedFace f = t.detected() ? nearest(t.box(), alone) : null;
            if (f != null) {
                addFace(walk, f, frame);
            }
        }
        return tracked;
    }

    /** The person whose box holds the face's centre in its upper half, or null. */
    private static TrackedObject owner(FaceBox face, List<TrackedObject> people) {
        double cx = face.x() + face.width() / 2;
        double cy = face.y() + face.height() / 2;
        for (TrackedObject p : people) {
            Box b = p.box();
            if (cx >= b.x() && cx <= b.x() + b.width() && cy >= b.y() && cy <= b.y() + b.height() / 2) {
                return p;
            }
        }
        return null;
    }

    private static RecognizedFace nearest(Box box, List<RecognizedFace> faces) {
        RecognizedFace best = null;
        double bestIou = 0.1;
        for (RecognizedFace f : faces) {
            FaceBox b = f.face().box();
            double iou = box.iou(new Box(b.x(), b.y(), b.width(), b.height()));
            if (iou > bestIou) {
                bestIou = iou;
                best = f;
            }
        }
        return best;
    }

    private void addFace(Walk walk, RecognizedFace face, Mat frame) {
        if (walk == null || walk.verdict != null) {
            return;
        }
        walk.facesSeen++;
        boolean couldGrant = walk.vote.addFace(face.best());
        FaceBox fb = face.face().box();
        if (couldGrant && faces.liveness() != null && walk.wantsSpoofScore()) {
            scoreLiveness(walk, frame, fb);
        }
        if (fb.area() > walk.bestFaceArea) {
            walk.bestFaceArea = fb.area();
            walk.faceJpeg = encodeCrop(frame, fb);
            walk.frameJpeg = encode(frame);
        }
    }

    private void scoreLiveness(Walk walk, Mat frame, FaceBox face) {
        try {
            walk.addSpoofScore(faces.liveness().spoofScore(frame, face));
        } catch (RuntimeException e) {
            // Unscored, the walk cannot pass an enforced liveness rule: the check fails closed.
            LOG.error("Camera {}: liveness model failed on track {}", cameraId, walk.trackId, e);
        }
    }

    /** Walks whose track has gone: decided now if the face votes never were (no face, or too few). */
    private void endFinishedWalks(long captureMillis) {
        for (Iterator<Walk> it = walks.values().iterator(); it.hasNext(); ) {
            Walk walk = it.next();
            if (frameIndex - walk.lastSeenFrame < WALK_ENDS_AFTER) {
                continue;
            }
            if (walk.verdict == null && walk.frames >= MIN_WALK_FRAMES) {
                decide(walk, captureMillis);
            }
            it.remove();
        }
    }

    private void decide(Walk walk, long captureMillis) {
        Optional<Match> match = walk.vote.result();
        Optional<Person> person = match.flatMap(m -> parseId(m.personId())).flatMap(persons::apply);
        Instant now = Instant.ofEpochMilli(captureMillis);
        Double spoofScore = walk.spoofScore();
        AccessPolicy.Verdict verdict = policy.decide(match.map(Match::personId),
                match.map(Match::score).orElse(0.0), person, walk.facesSeen > 0, ZonedDateTime.now(clock),
                spoofScore);
        walk.verdict = verdict;
        try {
            events.accept(new NewEvent(cameraId, now, verdict.decision(), verdict.personId(), verdict.personName(),
                    verdict.score(), verdict.rule(), (long) walk.trackId, walk.frameJpeg, walk.faceJpeg,
                    spoofScore));
        } catch (RuntimeException e) {
            // The decision stands on the stream even when storing it failed; the recorder logs the cause too.
            LOG.error("Camera {}: could not record the {} of track {}", cameraId, verdict.decision(), walk.trackId, e);
        }
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private byte[] encode(Mat image) {
        Imgcodecs.imencode(".jpg", image, jpeg, jpegParams);
        return jpeg.toArray();
    }

    private byte[] encodeCrop(Mat frame, FaceBox fb) {
        // A margin around the face box, so the snapshot shows the head, not a tight crop.
        double m = fb.width() * 0.3;
        int x = (int) Math.max(0, fb.x() - m);
        int y = (int) Math.max(0, fb.y() - m);
        int x2 = (int) Math.min(frame.cols(), fb.right() + m);
        int y2 = (int) Math.min(frame.rows(), fb.bottom() + m);
        if (x2 <= x || y2 <= y) {
            return null;
        }
        Mat crop = frame.submat(new Rect(x, y, x2 - x, y2 - y));
        try {
            return encode(crop);
        } finally {
            crop.release();
        }
    }

    /** An immutable picture of this result, for the capture thread to draw on every frame until the next one. */
    private Overlay overlay(PedestrianAnalyzer.Result result, List<TrackedObject> faceOnly) {
        List<TrackedObject> shown = new ArrayList<>(result.people());
        shown.addAll(faceOnly);
        int n = shown.size();
        Box[] boxes = new Box[n];
        String[] labels = new String[n];
        Scalar[] colours = new Scalar[n];
        for (int i = 0; i < n; i++) {
            TrackedObject p = shown.get(i);
            int walkId = i < result.people().size() ? p.id() : FACE_TRACK_OFFSET + p.id();
            Walk walk = walks.get(walkId);
            AccessPolicy.Verdict v = walk == null ? null : walk.verdict;
            boxes[i] = p.box();
            colours[i] = v == null ? UNDECIDED : switch (v.decision()) {
                case GRANTED -> GRANTED;
                case DENIED -> DENIED;
                case PASSAGE -> PASSAGE;
            };
            String id = walkId >= FACE_TRACK_OFFSET ? "face " + (walkId - FACE_TRACK_OFFSET) : "#" + walkId;
            labels[i] = id + (v == null ? "" : v.personName() != null
                    ? String.format(Locale.ROOT, " %s %.2f", v.personName(), v.score())
                    : v.decision() == Decision.DENIED ? " unknown" : "");
        }
        String hud = String.format(Locale.ROOT, "people %d  in %d  out %d  analysis %.1f fps",
                result.people().size(), result.in(), result.out(), rate.rate());
        double[] line = countingLine;
        return target -> {
            for (int i = 0; i < boxes.length; i++) {
                Box b = boxes[i];
                Imgproc.rectangle(target, new Point(b.x(), b.y()), new Point(b.x() + b.width(), b.y() + b.height()),
                        colours[i], 2);
                Imgproc.putText(target, labels[i], new Point(b.x(), Math.max(12, b.y() - 4)),
                        Imgproc.FONT_HERSHEY_SIMPLEX, 0.45, colours[i], 1, Imgproc.LINE_AA);
            }
            if (line != null) {
                Imgproc.line(target, new Point(line[0], line[1]), new Point(line[2], line[3]), LINE, 2);
            }
            Imgproc.rectangle(target, new Point(0, 0), new Point(8 + hud.length() * 8.2, 22), HUD_BG, -1);
            Imgproc.putText(target, hud, new Point(6, 16), Imgproc.FONT_HERSHEY_SIMPLEX, 0.45, WHITE, 1,
                    Imgproc.LINE_AA);
        };
    }

    @Override
    public long[] crossings() {
        return crossings.clone();
    }

    @Override
    public void close() {
        try (PedestrianAnalyzer p = people; FaceChecks f = faces) {
            jpeg.release();
            jpegParams.release();
        }
    }
}
