// Spoken calls, one at a time: a call that arrives while another is spoken waits its turn.
// window.LinliSpeech.log keeps every call queued, so that a test (or a curious operator) can see what was said.
// A browser refuses to speak on a page nobody has touched ("not-allowed": Chromium's autoplay rule) unless it was
// started with --autoplay-policy=no-user-gesture-required or the site may play sound (deploy-pi/README.md): then
// LinliSpeech.blocked is true, onBlocked() tells the page, and unlock(), called from a tap, says the last call again.
(function () {
  "use strict";
  const queue = [];
  let speaking = false;
  let missed = null;
  const LinliSpeech = {
    log: [],
    blocked: false,
    onBlocked: () => {},
    enqueue(text) {
      queue.push(text);
      LinliSpeech.log.push({ text, queuedAt: Date.now() });
      next();
    },
    pending() { return queue.length + (speaking ? 1 : 0); },
    /** From a tap: speaking is allowed from now on; the call that was not heard is said again. */
    unlock() {
      LinliSpeech.blocked = false;
      if (missed !== null) queue.unshift(missed);
      missed = null;
      next();
    }
  };

  function next() {
    if (speaking || queue.length === 0) return;
    speaking = true;
    const text = queue.shift();
    const done = () => { if (!speaking) return; speaking = false; clearTimeout(guard); next(); };
    // Without voices (a board with no speech engine) 'end' never comes: move on after a generous time.
    const guard = setTimeout(done, 3000 + 250 * text.length);
    try {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = "zh-CN";
      utterance.rate = 0.9;
      utterance.onend = done;
      utterance.onerror = event => {
        if (event.error === "not-allowed") {
          missed = text;
          if (!LinliSpeech.blocked) {
            LinliSpeech.blocked = true;
            LinliSpeech.onBlocked();
          }
        }
        done();
      };
      window.speechSynthesis.speak(utterance);
    } catch (e) {
      done();
    }
  }
  window.LinliSpeech = LinliSpeech;
})();
