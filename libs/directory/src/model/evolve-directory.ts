import { DirectoryDraft } from './directory-draft';
import type { DirectoryEvent } from './directory-events';
import type { DirectoryState } from './directory-state';
import { configFromJson } from './event-codecs';
import { erasePerson, linkIdentity, observeIdentity, unlinkIdentity } from './identity-changes';
import { changeMembership, registerPerson, updatePerson, updatePersonFields } from './person-changes';
import { defineService, defineTeam, retireService, retireTeam, setWorkingHours } from './team-service-changes';

function apply(draft: DirectoryDraft, event: DirectoryEvent): void {
  const { occurredAt } = event.metadata;
  switch (event.type) {
    case 'OrganizationConfigured':
      draft.configure(configFromJson(event.data));
      return;
    case 'TeamDefined':
      defineTeam(draft, event.data, occurredAt);
      return;
    case 'TeamRetired':
      retireTeam(draft, event.data, occurredAt);
      return;
    case 'PersonRegistered':
      registerPerson(draft, event.data);
      return;
    case 'PersonUpdated':
      updatePersonFields(draft, event.data);
      return;
    case 'PersonErased':
      erasePerson(draft, event.data);
      return;
    case 'IdentityLinked':
      linkIdentity(draft, event.data);
      return;
    case 'IdentityUnlinked':
      unlinkIdentity(draft, event.data);
      return;
    case 'IdentityObserved':
      observeIdentity(draft, event.data);
      return;
    case 'TeamMembershipChanged':
      changeMembership(draft, event.data);
      return;
    case 'ServiceDefined':
      defineService(draft, event.data, occurredAt);
      return;
    case 'ServiceRetired':
      retireService(draft, event.data, occurredAt);
      return;
    case 'WorkingHoursSet':
      setWorkingHours(draft, event.data);
      return;
    case 'RecognitionOptOutChanged': {
      const { personId, optedOut } = event.data;
      if (personId) updatePerson(draft, personId, (person) => ({ ...person, optOutOfAutomaticRecognition: optedOut ?? false }));
      return;
    }
    default: {
      const unhandled: never = event;
      throw new Error(`Unhandled directory event ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The pure reducer: the state after one event. The input state is left untouched. */
export function evolveDirectory(state: DirectoryState, event: DirectoryEvent): DirectoryState {
  return applyDirectoryEvents(state, [event]);
}

/** The same fold over a batch, copying each touched map once for the whole batch. */
export function applyDirectoryEvents(state: DirectoryState, events: readonly DirectoryEvent[]): DirectoryState {
  const draft = new DirectoryDraft(state);
  for (const event of events) apply(draft, event);
  return draft.result();
}
