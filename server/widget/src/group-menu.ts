import type { SkillGroup } from '../../../shared/domain';
import type { WidgetTranslate } from '../../../shared/i18n/widget';
import type { VisitorStorage } from './visitor-storage';

/**
 * The menu of topics (skill groups) shown while the next message starts a conversation. The pick
 * is remembered, and pressing it again clears it.
 */
export class GroupMenu {
  private groups: readonly SkillGroup[] = [];
  private startsConversation = false;

  constructor(
    private readonly menu: HTMLElement,
    private readonly storage: VisitorStorage,
    private readonly t: WidgetTranslate,
    private readonly onChosen: () => void,
  ) {}

  setGroups(groups: readonly SkillGroup[]): void {
    this.groups = groups;
  }

  /** The next message starts a conversation (none yet, or the last one closed), so it may name a topic. */
  offer(): void {
    this.startsConversation = true;
    this.render();
  }

  /** For a message about to be sent: the topic it starts with, if it starts a conversation. */
  takeChoice(): string | undefined {
    if (!this.startsConversation) return undefined;
    const chosen = this.chosenGroupId();
    this.startsConversation = false;
    this.render();
    return chosen;
  }

  /** The remembered pick, while that group is still on offer. */
  chosenGroupId(): string | undefined {
    const id = this.storage.groupId();
    return this.groups.some((group) => group.id === id) ? id : undefined;
  }

  render(): void {
    const visible = this.startsConversation && this.groups.length > 0;
    this.menu.hidden = !visible;
    if (!visible) return;
    const list = this.menu.querySelector<HTMLElement>('.chat__groups');
    if (!list) return;
    const chosen = this.chosenGroupId();
    list.textContent = '';
    for (const group of this.groups) list.appendChild(this.button(group, group.id === chosen));
  }

  private button(group: SkillGroup, pressed: boolean): HTMLButtonElement {
    const doc = this.menu.ownerDocument;
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'chat__group';
    button.setAttribute('data-testid', 'widget-group');
    button.setAttribute('data-group-id', group.id);
    button.setAttribute('data-open', group.open ? 'true' : 'false');
    button.setAttribute('aria-pressed', pressed ? 'true' : 'false');
    const name = doc.createElement('span');
    name.className = 'chat__group-name';
    name.textContent = group.name;
    button.appendChild(name);
    if (!group.open) {
      const note = doc.createElement('span');
      note.className = 'chat__group-note';
      note.textContent = this.t('widget.menu.groupClosed');
      button.appendChild(note);
    }
    button.addEventListener('click', () => this.choose(group.id));
    return button;
  }

  private choose(id: string): void {
    this.storage.saveGroupId(this.chosenGroupId() === id ? undefined : id);
    this.render();
    this.onChosen();
  }
}
