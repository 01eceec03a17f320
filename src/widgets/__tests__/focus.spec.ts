import { restoreFocus } from '../auth/focus';

function button(box: Partial<DOMRect>): HTMLButtonElement {
  const element = document.createElement('button');
  document.body.appendChild(element);
  element.getBoundingClientRect = () =>
    ({ top: 10, bottom: 30, width: 80, height: 20, ...box }) as DOMRect;
  return element;
}

describe('restoreFocus', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('gives the keyboard back to the element that had it before the panel', () => {
    const opener = button({});
    restoreFocus(opener);
    expect(document.activeElement).toBe(opener);
  });

  it('never moves focus to an element scrolled out of view (the page would jump)', () => {
    const other = button({});
    other.focus();
    restoreFocus(button({ top: -200, bottom: -180 }));
    expect(document.activeElement).toBe(other);
  });

  it('does nothing when the opener left the page', () => {
    const gone = button({});
    gone.remove();
    restoreFocus(gone);
    expect(document.activeElement).not.toBe(gone);
  });
});
