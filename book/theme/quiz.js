// Checkpoint quizzes (`{{#quiz}}`, see crates/book-tools/src/quiz.rs), checked here in the browser
// with no server. The reader's answers are kept in localStorage (by question id and the choice's
// `data-key`, its place in the quiz file), so a reload, the other edition or the next visit shows
// them again, even if the choices come in another order; the score is at the end of the quiz. The words come from
// the page (data-right, data-wrong, data-choose, data-score), in its language.
(function () {
    'use strict';
    const STORE = 'workbook-quiz';

    function saved() {
        try {
            return JSON.parse(localStorage.getItem(STORE)) || {};
        } catch (e) {
            return {};
        }
    }

    function save(id, key) {
        const answers = saved();
        answers[id] = key;
        try {
            localStorage.setItem(STORE, JSON.stringify(answers));
        } catch (e) {
            // Storage off (a private window): the quiz still works, it only forgets.
        }
    }

    for (const quiz of document.querySelectorAll('section.quiz')) {
        const questions = Array.from(quiz.querySelectorAll('form.quiz-question'));
        const score = quiz.querySelector('.quiz-score');

        function showScore() {
            const right = questions.filter(q => q.dataset.result === 'right').length;
            score.textContent = quiz.dataset.score
                .replace('{right}', right)
                .replace('{total}', questions.length);
        }

        function judge(form, choice) {
            const right = choice.value === form.dataset.answer;
            form.dataset.result = right ? 'right' : 'wrong';
            const verdict = form.querySelector('.quiz-verdict');
            verdict.textContent = right ? quiz.dataset.right : quiz.dataset.wrong;
            form.querySelector('.quiz-why').hidden = false;
            for (const label of form.querySelectorAll('label')) {
                const input = label.querySelector('input');
                label.classList.toggle('quiz-chosen', input === choice);
                label.classList.toggle('quiz-right', input.value === form.dataset.answer);
            }
            showScore();
        }

        for (const form of questions) {
            form.addEventListener('submit', function (event) {
                event.preventDefault();
                const choice = form.querySelector('input[type=radio]:checked');
                if (!choice) {
                    form.querySelector('.quiz-verdict').textContent = quiz.dataset.choose;
                    return;
                }
                save(form.dataset.id, choice.dataset.key);
                judge(form, choice);
            });
            const key = saved()[form.dataset.id];
            const kept = key && form.querySelector('input[data-key="' + CSS.escape(key) + '"]');
            if (kept) {
                kept.checked = true;
                judge(form, kept);
            }
        }
        showScore();
    }
})();
