"use client";
import { useState, type FormEvent } from "react";
import type { WatchView } from "@/lib/api-responses";
import { renameWatch } from "@/lib/watches/watch-client";
import { MAX_WATCH_NAME } from "@/lib/watches/watch-labels";
import { useAction } from "@/app/_components/use-action";
import styles from "./watches.module.css";

interface RenameWatchFormProps {
  watch: WatchView;
  onRenamed: (watch: WatchView) => void;
  onClose: () => void;
}

export function RenameWatchForm({ watch, onRenamed, onClose }: RenameWatchFormProps) {
  const [name, setName] = useState(watch.name);
  const { busy, error, run } = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      onRenamed(await renameWatch(watch.id, name.trim()));
      onClose();
    });
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-label={`Rename “${watch.name}”`}>
      <label>
        New name
        <input value={name} onChange={(event) => setName(event.target.value)} maxLength={MAX_WATCH_NAME} required />
      </label>
      <button type="submit" className="button" disabled={busy}>
        Save name
      </button>
      <button type="button" className={styles.secondary} onClick={onClose}>
        Cancel
      </button>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
    </form>
  );
}
