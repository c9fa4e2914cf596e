// The learner's own test results in the book. `cargo workbook serve` checks every exercise and
// sends its status as server-sent events (/live/ko/events, /live/en/events) after each save; this
// script puts it into each `.live-status` element: the exercise box of a chapter, and the table of
// the status page. The words come from the server, in the page's language.
//
// Served any other way (the static site, a handout's book opened as files) there are no events:
// the boxes stay hidden and the status page keeps its dashes.
(function () {
    'use strict';
    const boxes = Array.from(document.querySelectorAll('.live-status[data-exercise]'));
    if (boxes.length === 0 || !window.EventSource || location.protocol === 'file:') {
        return;
    }
    const problem = document.querySelector('.live-error');
    const lang = document.documentElement.lang === 'en' ? 'en' : 'ko';

    function show(box, exercise) {
        const checkedAt = String(exercise.checked_at || '');
        if (box.dataset.state === exercise.state && box.dataset.checkedAt === checkedAt) {
            return; // another exercise changed
        }
        box.dataset.state = exercise.state;
        // When the result was ready on the server, and when it showed here (the browser test
        // holds the two to 2 s apart at most).
        box.dataset.checkedAt = checkedAt;
        box.dataset.shownAt = String(Date.now());
        box.replaceChildren();
        const summary = document.createElement('strong');
        summary.textContent = exercise.summary;
        box.append(summary);
        if (exercise.detail) {
            const detail = document.createElement('pre');
            detail.textContent = exercise.detail;
            box.append(detail);
        }
        box.hidden = false;
    }

    function update(message) {
        const status = JSON.parse(message.data);
        const byName = new Map(status.exercises.map(e => [e.name, e]));
        for (const box of boxes) {
            const exercise = byName.get(box.dataset.exercise);
            if (exercise) {
                show(box, exercise);
            }
        }
        if (problem) {
            problem.textContent = status.error || '';
            problem.hidden = !status.error;
        }
        document.documentElement.classList.add('live');
    }

    // A browser keeps at most 6 connections to one server, and each open stream of events holds
    // one: only a page in view listens, so many open tabs of the book never starve each other.
    let events = null;
    function listen() {
        if (document.hidden) {
            if (events) {
                events.close();
                events = null;
            }
            return;
        }
        if (!events) {
            events = new EventSource('/live/' + lang + '/events');
            events.addEventListener('message', update);
            // A server that is gone (Ctrl-C): the status may go stale, so it is dimmed until the
            // server is back (EventSource reconnects by itself).
            events.addEventListener('error', function () {
                document.documentElement.classList.remove('live');
            });
        }
    }
    document.addEventListener('visibilitychange', listen);
    listen();
})();
