import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../shared/domain';

/**
 * Who is signing in, as big buttons. Picking one — even the one already chosen, by mouse or by
 * arrow keys — hands the focus to the PIN field (`onPicked`), so the PIN typed next is never lost.
 */
export function UserPicker({
  users,
  chosen,
  legend,
  onPick,
  onPicked,
}: {
  users: UserView[];
  chosen: string | null;
  legend: string;
  onPick: (userId: string) => void;
  onPicked: () => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="user-picker">
      <legend>{legend}</legend>
      {users.map((u) => (
        <label
          key={u.id}
          className="user-choice"
          data-selected={u.id === chosen}
          data-user-id={u.id}
          onClick={(e) => {
            // Not the label's own activation, which would put the focus on its radio button after
            // this handler: choose here and hand the focus to the PIN field at once.
            e.preventDefault();
            onPick(u.id);
            onPicked();
          }}
        >
          <input
            type="radio"
            name="user"
            value={u.id}
            checked={u.id === chosen}
            onChange={() => {
              onPick(u.id);
              onPicked();
            }}
          />
          <span className="user-name">{u.name}</span>
          <span className="user-role">{t(`roles.${u.role}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
