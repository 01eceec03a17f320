import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import {
  isLive,
  parseSecretRequest,
  SECRET_REQUEST_MIME_TYPE,
  type ISecretRequest,
  type SecretAnswer
} from '../../core';
import type { IGoogleAuth } from '../../tokens';
import { toErrorBody } from '../auth/errors';

/**
 * The prompt `userdata.get` shows in a cell's output while its kernel waits: "Allow this
 * notebook to read NAME?" with Allow and Deny. The answer goes to the server (which grants,
 * for Allow, and writes the status file the kernel reads); the kernel then replaces the
 * bundle with how it ended. The value is never part of it.
 */
export class SecretPrompt extends Widget implements IRenderMime.IRenderer {
  constructor(
    private readonly service: IGoogleAuth,
    private readonly trans: TranslationBundle
  ) {
    super();
    this.addClass('jp-GoogleAuth-secretPrompt');
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const data = parseSecretRequest(model.data[SECRET_REQUEST_MIME_TYPE]);
    this.node.textContent = '';
    if (!data) {
      this.line(
        this.trans.__(
          'This output holds a secret request this version cannot show.'
        )
      );
      return;
    }
    if (data.state !== 'pending') {
      this.node.dataset.state = data.state;
      this.line(data.message);
      return;
    }
    if (!isLive(data, model.trusted)) {
      this.node.dataset.state = 'expired';
      this.line(
        this.trans.__('A request to read %1 (no longer waiting).', data.name)
      );
      return;
    }
    this.node.dataset.state = 'pending';
    this.ask(data);
  }

  private line(text: string): HTMLParagraphElement {
    const p = document.createElement('p');
    p.textContent = text;
    this.node.appendChild(p);
    return p;
  }

  private ask(request: ISecretRequest): void {
    const { trans } = this;
    const question = this.line(
      trans.__('Allow this notebook to read %1?', request.name)
    );
    question.className = 'jp-GoogleAuth-secretQuestion';
    const buttons = document.createElement('div');
    buttons.className = 'jp-GoogleAuth-secretActions';
    const status = document.createElement('p');
    status.setAttribute('role', 'status');
    const enable = (on: boolean) =>
      buttons.querySelectorAll('button').forEach(b => (b.disabled = !on));
    const send = async (answer: SecretAnswer) => {
      enable(false);
      status.textContent = trans.__('Sent; the kernel continues…');
      try {
        await this.service.api.secrets.answer(request.requestId, {
          answer,
          notebook: request.notebook,
          name: request.name
        });
      } catch (error) {
        const body = toErrorBody(error);
        status.className = 'jp-GoogleAuth-error';
        status.textContent = `${body.message} ${body.help}`.trim();
        enable(true);
      }
    };
    for (const [answer, label, cls] of [
      ['allow', trans.__('Allow'), 'jp-mod-accept'],
      ['deny', trans.__('Deny'), 'jp-mod-reject']
    ] as const) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = `jp-Button jp-mod-styled ${cls}`;
      button.textContent = label;
      button.addEventListener('click', () => void send(answer));
      buttons.appendChild(button);
    }
    this.node.append(buttons, status);
  }
}
