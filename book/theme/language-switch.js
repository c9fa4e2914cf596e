// The language switch keeps the reader's place. It moves into mdBook's menu bar, which comes back
// as soon as the reader scrolls up a little: the switch is at hand anywhere on the page, without
// going back to the top. The build gives the switch the other page's heading ids in order
// (data-anchors); the ids differ (#힌트 / #hints) but the headings pair up one to one. So the link
// follows the #anchor in the address, or, without one, the last heading the reader scrolled past.
(function () {
    'use strict';
    const box = document.querySelector('.language-switch[data-anchors]');
    if (!box) {
        return;
    }
    const buttons = document.querySelector('#mdbook-menu-bar .right-buttons');
    if (buttons) {
        buttons.prepend(box);
        box.classList.add('in-menu-bar');
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
