package dev.continuo.engine.generate;

import dev.continuo.engine.metrics.KeyEstimator;
import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.model.Generator;
import dev.continuo.engine.model.RollEncoder;
import dev.continuo.engine.model.RollTensors;
import dev.continuo.engine.preset.Decoding;
import dev.continuo.engine.preset.PartControls;
import dev.continuo.engine.preset.PartSpec;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import dev.continuo.engine.roll.TimeScaling;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Generates the four accompaniment parts for a melody with a preset's generator.
 *
 * <p>The generator is fully convolutional in time, so a melody of any length is accompanied in one pass (padded
 * with silence to a multiple of 2<sup>depth</sup> steps): one coherent accompaniment, no seams. The melody is
 * transposed towards the register (or, for key-normalized presets, into the key) the model was trained in and the
 * parts are transposed back, so any key works. Where the preset has the data's beat chords, the audible parts choose
 * their pitches together by them ({@link ChordVoicing}).
 * The melody itself is never changed: the result holds it unchanged, then the four parts.
 *
 * <p>The generator folds the weights once, when made. Not thread-safe: use one instance per thread at a time.
 */
public final class Accompanist {

    private final Preset preset;
    private final Architecture architecture;
    private final RollTensors tensors;
    private final Generator generator;
    private final KeyEstimator keys = new KeyEstimator();
    /** The data's beat chords, where the preset's parts choose their pitches together; else null. */
    private final ChordPrior chords;
    /** The data's chord progressions, where the preset's parts follow a chord path; else null. */
    private final ChordPath path;

    public Accompanist(Preset preset) {
        this.preset = preset;
        this.architecture = preset.manifest().architecture();
        this.tensors = new RollTensors(architecture);
        this.generator = new Generator(preset.weights());
        Decoding decoding = preset.manifest().decoding();
        this.chords = decoding.voicesChords() ? new ChordPrior(decoding.beatChords()) : null;
        this.path = decoding.followsProgression() ? new ChordPath(decoding.progression()) : null;
    }

    public Preset preset() {
        return preset;
    }

    /**
     * The melody of {@code roll} (part {@code melodyIndex}) followed by four generated parts, with the roll's
     * tempo and meter maps. The roll must be on a grid of sixteenth notes, as {@code MidiFileReader} reads by
     * default.
     */
    public PianoRoll accompany(PianoRoll roll, int melodyIndex, GenerationSettings settings) {
        if (roll.stepsPerBeat() != PianoRoll.DEFAULT_STEPS_PER_BEAT) {
            throw new IllegalArgumentException("the models work on sixteenth notes (4 steps per beat), the roll has "
                    + roll.stepsPerBeat());
        }
        Part melody = roll.part(melodyIndex);
        List<Part> parts = new ArrayList<>();
        parts.add(melody);
        parts.addAll(generate(melody, roll.barStarts(), settings));
        return new PianoRoll(roll.stepsPerBeat(), roll.steps(), parts, roll.tempos(), roll.meters());
    }

    /** The four generated parts for a melody in 4/4; see {@link #generate(Part, int[], GenerationSettings)}. */
    public List<Part> generate(Part melody, GenerationSettings settings) {
        return generate(melody, PianoRoll.evenBarStarts(melody.steps(),
                Meter.FOUR_FOUR.stepsPerBar(PianoRoll.DEFAULT_STEPS_PER_BEAT)), settings);
    }

    /**
     * The four generated parts for a melody, as the settings' mix (else the preset's) plays them; every bar in which
     * the melody sounds gets at least one new note of an audible part (see {@link HeldBars}).
     *
     * @param barStarts first step of each bar, ascending
     */
    public List<Part> generate(Part melody, int[] barStarts, GenerationSettings settings) {
        Mix mix = settings.mix() != null ? settings.mix() : Mix.of(preset.manifest());
        List<Part> parts = mix.apply(generateUnmixed(melody, barStarts, settings), settings.seed());
        HeldBars.restrike(parts, melody, barStarts);
        return parts;
    }

    /**
     * The parts for a melody, generated at the training data's speed when the preset records it (see
     * {@link Decoding#tempoExponent}) and brought back to the melody's. A melody is slowed down only as far as its
     * roll stays within {@link PianoRoll#MAX_STEPS}: a long tune in short notes is heard a little fast rather than
     * not at all.
     */
    private List<Part> generateUnmixed(Part melody, int[] barStarts, GenerationSettings settings) {
        int exponent = Math.min(slowDownRoom(melody.steps()),
                preset.manifest().decoding().tempoExponent(Note.medianLength(melody.notes())));
        if (exponent == 0) {
            return generateAtModelSpeed(melody, barStarts, settings, 0);
        }
        int factor = 1 << Math.abs(exponent);
        Part heard = exponent > 0 ? TimeScaling.scaled(melody, factor, 1) : TimeScaling.scaled(melody, 1, factor);
        int[] heardBars = new int[barStarts.length];
        for (int bar = 0; bar < barStarts.length; bar++) {
            heardBars[bar] = exponent > 0 ? barStarts[bar] * factor : barStarts[bar] / factor;
        }
        List<Part> parts = new ArrayList<>();
        for (Part part : generateAtModelSpeed(heard, heardBars, settings, exponent)) {
            parts.add(exponent > 0 ? TimeScaling.scaled(part, 1, factor, melody.steps())
                    : TimeScaling.scaled(part, factor, 1, melody.steps()));
        }
        return parts;
    }

    /** How many times a roll of {@code steps} can be stretched twice as long and stay within the limit. */
    private static int slowDownRoom(int steps) {
        int room = 0;
        while (((long) steps << (room + 1)) <= PianoRoll.MAX_STEPS) {
            room++;
        }
        return room;
    }

    /** A length in real steps as model steps when the melody is played 2<sup>−exponent</sup> times faster. */
    private static int atModelSpeed(int steps, int exponent) {
        return Math.max(1, steps >> -exponent);
    }

    /**
     * @param barStarts first step of each bar, at the model's speed
     * @param exponent the melody was played 2<sup>exponent</sup> times slower to the model; for a slow melody
     *                 (exponent &lt; 0) the parts' onset rate and note lengths move by the same factor, so that they
     *                 keep striking as often in real time as the data's (a band keeps its beat under a hymn in half
     *                 notes) while the model's harmony follows the melody; a fast melody's parts keep the model's
     *                 rate, which agrees better with the real parts of melodies played at double speed
     */
    private List<Part> generateAtModelSpeed(Part melody, int[] barStarts, GenerationSettings settings,
            int exponent) {
        int length = melody.steps();
        int multiple = architecture.stepMultiple();
        int steps = Math.max(multiple, (length + multiple - 1) / multiple * multiple);
        int shift = transposition(melody);

        Decoding decoding = preset.manifest().decoding();
        int ensemble = settings.ensemble() >= 0 ? settings.ensemble() : decoding.ensemble();
        int views = 2 * ensemble + 1;
        RollEncoder input = new RollEncoder(architecture, views, steps, false);
        for (int view = 0; view < views; view++) {
            int viewShift = shift + view - ensemble;
            for (int step = 0; step < length; step++) {
                for (int pitch = 0; pitch < 128; pitch++) {
                    if (melody.isSounding(step, pitch)) {
                        input.melody(view, step, pitch + viewShift);
                    }
                }
            }
        }
        INDArray noise = noise(views, steps, settings);
        INDArray output = generator.generate(input.melodies(), noise);
        float[] values = averageViews(output.castTo(DataType.FLOAT).dup('c').data().asFloat(), views, steps,
                ensemble);

        double threshold = Double.isNaN(settings.threshold()) ? decoding.threshold() : settings.threshold();
        double density = Double.isNaN(settings.density()) ? decoding.density() : settings.density();
        List<List<TrackDecoder.RowNote>> decoded = new ArrayList<>();
        List<TrackDecoder.Plane> sustains = new ArrayList<>();
        for (int track = 0; track < Architecture.TRACKS; track++) {
            int t = track;
            TrackDecoder.Plane sustain = (step, row) -> values[tensors.trackIndex(0, steps, t, step, row)];
            TrackDecoder.Plane onsets = architecture.onsets()
                    ? (step, row) -> values[tensors.trackIndex(0, steps, Architecture.ONSET_PLANE, t, step, row)]
                    : null;
            int slowing = Math.min(0, exponent);
            double onsetRate = Math.min(1, decoding.onsetRate(track, density) * Math.pow(2, -slowing));
            sustains.add(sustain);
            decoded.add(TrackDecoder.decode(sustain, onsets, length, architecture.pitchCount(),
                    threshold, onsetRate, decoding.monophonic(), atModelSpeed(decoding.minNoteSteps(), slowing),
                    atModelSpeed(decoding.changeSteps(density), slowing)));
        }
        if (chords != null || path != null) {
            int changeSteps = atModelSpeed(decoding.changeSteps(density), Math.min(0, exponent));
            decoded = voiceTogether(decoded, sustains, melody, barStarts, settings, shift, changeSteps,
                    density < Decoding.DEFAULT_DENSITY);
        }
        List<Part> parts = new ArrayList<>();
        for (int track = 0; track < Architecture.TRACKS; track++) {
            PartSpec spec = preset.manifest().parts().get(track);
            Part part = new Part(spec.name(), spec.channel() - 1, spec.program(), -1, length);
            for (TrackDecoder.RowNote note : decoded.get(track)) {
                int pitch = architecture.lowestPitch() + note.row() - shift;
                if (pitch >= 0 && pitch <= 127) {
                    part.addNote(new Note(pitch, note.start(), note.length(), PartControls.DEFAULT_VELOCITY));
                }
            }
            parts.add(part);
        }
        return parts;
    }

    /**
     * The audible parts' notes with their pitches chosen together: by the data's beat chords given the melody's
     * pitch classes, and towards the chord path the data's progressions and the parts find for the melody.
     *
     * @param shift       semitones the melody was moved into the model's key by
     * @param changeSteps how long a new pitch must hold at the density asked for: the path changes chord only on the
     *                    beats such changes can fall on (see {@link ChordPath#changesAllowed})
     * @param sparse      the density is below the data's: a voice's new pitch holds {@code changeSteps} here too
     */
    private List<List<TrackDecoder.RowNote>> voiceTogether(List<List<TrackDecoder.RowNote>> decoded,
            List<TrackDecoder.Plane> sustains, Part melody, int[] barStarts, GenerationSettings settings, int shift,
            int changeSteps, boolean sparse) {
        int length = melody.steps();
        Mix mix = settings.mix() != null ? settings.mix() : Mix.of(preset.manifest());
        boolean[] audible = new boolean[Architecture.TRACKS];
        for (int t = 0; t < audible.length; t++) {
            audible[t] = mix.audible(t);
        }
        int[] melodySets = chords == null ? null : new int[length];
        for (int step = 0; melodySets != null && step < length; step++) {
            melodySets[step] = ChordPrior.rotate(ChordPrior.pitchClasses(melody, step), shift);
        }
        int[] chordPath = path == null ? null : chordPath(decoded, audible, melody, barStarts, shift, changeSteps);
        double chordWeight = preset.manifest().decoding().chordWeight();
        ChordVoicing.BeatScore score = (beat, set) -> {
            double total = 0;
            if (chords != null) {
                total += chordWeight * chords.logProbability(melodySets[beat * ChordPrior.BEAT_STEPS], set);
            }
            if (chordPath != null) {
                total += path.voicingWeight() * ChordPath.similarity(set, chordPath[beat]);
            }
            return total;
        };
        return ChordVoicing.revoice(decoded, sustains, audible, length, architecture.pitchCount(),
                architecture.lowestPitch(), score, sparse ? changeSteps : ChordVoicing.MIN_PIECE_STEPS);
    }

    /** The chord, in the model's key, that the path chooses for each beat. */
    private int[] chordPath(List<List<TrackDecoder.RowNote>> decoded, boolean[] audible, Part melody,
            int[] barStarts, int shift, int changeSteps) {
        int length = melody.steps();
        int[] kinds = ChordPath.kinds(length, barStarts);
        return path.choose(ChordPath.melodyWeights(melody, shift, length), kinds, beatSets(decoded, audible, length),
                ChordPath.changesAllowed(kinds, changeSteps));
    }

    /** The pitch classes, in the model's key, that the audible tracks' notes sound at the start of each beat. */
    private int[] beatSets(List<List<TrackDecoder.RowNote>> decoded, boolean[] audible, int steps) {
        int[] sets = new int[(steps + ChordPrior.BEAT_STEPS - 1) / ChordPrior.BEAT_STEPS];
        for (int t = 0; t < decoded.size(); t++) {
            if (!audible[t]) {
                continue;
            }
            for (TrackDecoder.RowNote note : decoded.get(t)) {
                int pitchClass = 1 << Math.floorMod(architecture.lowestPitch() + note.row(), 12);
                int first = (note.start() + ChordPrior.BEAT_STEPS - 1) / ChordPrior.BEAT_STEPS;
                for (int beat = first; beat * ChordPrior.BEAT_STEPS < note.start() + note.length()
                        && beat < sets.length; beat++) {
                    sets[beat] |= pitchClass;
                }
            }
        }
        return sets;
    }

    /** The same seeded noise for every view. */
    private INDArray noise(int views, int steps, GenerationSettings settings) {
        int perView = architecture.noiseChannels() * (steps >> architecture.depth()) * architecture.bottleneckWidth();
        float[] values = new float[views * perView];
        Random random = new Random(settings.seed());
        for (int i = 0; i < perView; i++) {
            values[i] = (float) (random.nextGaussian() * settings.noiseScale());
        }
        for (int view = 1; view < views; view++) {
            System.arraycopy(values, 0, values, view * perView, perView);
        }
        return Nd4j.create(values, new long[] {views, architecture.noiseChannels(), steps >> architecture.depth(),
            architecture.bottleneckWidth()}, 'c');
    }

    /**
     * The outputs of all views moved back onto the middle view's pitch rows and averaged, laid out as sample 0.
     * View v was transposed by {@code v - ensemble} more semitones, so its row r + (v - ensemble) holds the middle
     * view's row r; rows that fall outside a view are left out of that cell's average.
     */
    private float[] averageViews(float[] outputs, int views, int steps, int ensemble) {
        if (views == 1) {
            return outputs;
        }
        float[] averaged = new float[outputs.length / views];
        for (int plane = 0; plane < architecture.trackPlanes(); plane++) {
            for (int track = 0; track < Architecture.TRACKS; track++) {
                for (int step = 0; step < steps; step++) {
                    for (int row = 0; row < architecture.pitchCount(); row++) {
                        float sum = 0;
                        int count = 0;
                        for (int view = 0; view < views; view++) {
                            int viewRow = row + view - ensemble;
                            if (viewRow >= 0 && viewRow < architecture.pitchCount()) {
                                sum += outputs[tensors.trackIndex(view, steps, plane, track, step, viewRow)];
                                count++;
                            }
                        }
                        averaged[tensors.trackIndex(0, steps, plane, track, step, row)] = sum / count;
                    }
                }
            }
        }
        return averaged;
    }

    /**
     * Semitones to move the melody: so that its median sounding pitch lands on the preset's melody centre, or, for a
     * key-normalized preset, to C major / A minor by its estimated key, by the octave that brings its median nearest
     * the centre; then nudged (by octaves, if key-normalized) so that the melody fits the model's pitch window where
     * it can.
     */
    int transposition(Part melody) {
        int[] histogram = new int[128];
        int total = 0;
        int low = 128;
        int high = -1;
        for (Note note : melody.notes()) {
            histogram[note.pitch()] += note.lengthSteps();
            total += note.lengthSteps();
            low = Math.min(low, note.pitch());
            high = Math.max(high, note.pitch());
        }
        if (total == 0) {
            return 0;
        }
        int median = 0;
        for (int seen = 0; median < 128; median++) {
            seen += histogram[median];
            if (2 * seen >= total) {
                break;
            }
        }
        Decoding decoding = preset.manifest().decoding();
        int toCenter = decoding.melodyCenter() - median;
        if (!decoding.keyNormalized()) {
            int shift = Math.min(toCenter, architecture.highestPitch() - high);
            return Math.max(shift, architecture.lowestPitch() - low);
        }
        int shift = keys.estimate(melody).shiftToC();
        shift += 12 * Math.round((toCenter - shift) / 12f);
        while (high + shift > architecture.highestPitch() && low + shift - 12 >= architecture.lowestPitch()) {
            shift -= 12;
        }
        while (low + shift < architecture.lowestPitch() && high + shift + 12 <= architecture.highestPitch()) {
            shift += 12;
        }
        return shift;
    }
}
