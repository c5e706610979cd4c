import { FEEDBACK_TONES, type Beeper } from './feedback-tones';

/**
 * Beeps with a Web Audio oscillator: no sound files to ship, and it starts within a frame. The
 * context is made on the first beep, which follows a keystroke, so autoplay rules allow it.
 */
export function createWebAudioBeeper(): Beeper {
  let context: AudioContext | null = null;
  return {
    play(feedback) {
      try {
        context ??= new AudioContext();
        if (context.state === 'suspended') void context.resume();
        let at = context.currentTime + 0.01;
        for (const tone of FEEDBACK_TONES[feedback]) {
          const osc = context.createOscillator();
          const gain = context.createGain();
          osc.type = 'square';
          osc.frequency.value = tone.frequency;
          gain.gain.setValueAtTime(0.15, at);
          gain.gain.setValueAtTime(0, at + tone.durationMs / 1000);
          osc.connect(gain).connect(context.destination);
          osc.start(at);
          osc.stop(at + tone.durationMs / 1000 + 0.02);
          at += (tone.durationMs + tone.gapMs) / 1000;
        }
      } catch {
        // A PC without a sound device still scans; the coloured panel is the primary feedback.
      }
    },
  };
}
