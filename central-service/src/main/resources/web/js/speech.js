// Spoken calls, one at a time: a call that arrives while another is spoken waits its turn.
// window.LinliSpeech.log keeps every call queued, so that a test (or a curious operator) can see what was said.
(function () {
  "use strict";
  const queue = [];
  let speaking = false;
  const LinliSpeech = {
    log: [],
    enqueue(text) {
      queue.push(text);
      LinliSpeech.log.push({ text, queuedAt: Date.now() });
      next();
    },
    pending() { return queue.length + (speaking ? 1 : 0); }
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
      utterance.onerror = done;
      window.speechSynthesis.speak(utterance);
    } catch (e) {
      done();
    }
  }
  window.LinliSpeech = LinliSpeech;
})();
