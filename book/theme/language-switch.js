// The language switch keeps the reader's place. The build gives the switch the other page's
// heading ids in order (data-anchors); the ids differ (#힌트 / #hints) but the headings pair up one
// to one. So the link follows the #anchor in the address, or, without one, the last heading the
// reader scrolled past.
(function () {
    'use strict';
    const box = document.querySelector('.language-switch[data-anchors]');
    if (!box) {
        return;
    }
    const link = box.querySelector('a');
    const page = link.getAttribute('href').split('#')[0];
    const there = box.dataset.anchors.split(' ');
    const headings = Array.from(document.querySelectorAll('main :is(h1, h2, h3, h4, h5, h6)[id]'));

    function target() {
        const id = decodeURIComponent(location.hash.slice(1));
        let i = headings.findIndex(h => h.id === id);
        if (i < 0 && id === '') {
            // The last heading above the top third of the window.
            for (let j = 0; j < headings.length; j++) {
                if (headings[j].getBoundingClientRect().top < window.innerHeight / 3) {
                    i = j;
                }
            }
            if (i === 0) {
                i = -1; // the page's title: the top of the other page
            }
        }
        return i >= 0 && there[i] ? page + '#' + there[i] : page;
    }

    function update() {
        link.setAttribute('href', target());
    }
    update();
    window.addEventListener('hashchange', update);
    link.addEventListener('click', update);
    link.addEventListener('focus', update);
    link.addEventListener('mouseenter', update);
})();
