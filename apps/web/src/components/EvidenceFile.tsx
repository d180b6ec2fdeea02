import { useState, type DragEvent } from 'react';
import { sha256Of } from '../contributions.js';
import { CopyButton } from './common.js';

export interface HashedFile {
  readonly name: string;
  readonly size: number;
  readonly sha256: `0x${string}`;
}

/**
 * The evidence file, dropped on the zone or chosen with the file input: hashed here with SHA-256
 * (crypto.subtle); the file itself never leaves the browser.
 */
export function EvidenceFile({
  value,
  onChange,
}: {
  value: HashedFile | undefined;
  onChange: (file: HashedFile | undefined) => void;
}) {
  const [dragging, setDragging] = useState(false);
  const [hashing, setHashing] = useState(false);
  const [error, setError] = useState<string>();

  const take = async (file: File | undefined) => {
    setError(undefined);
    if (file === undefined) return onChange(undefined);
    setHashing(true);
    try {
      onChange({ name: file.name, size: file.size, sha256: await sha256Of(file) });
    } catch (failure) {
      onChange(undefined);
      setError(
        `Could not read ${file.name}: ${failure instanceof Error ? failure.message : String(failure)}`,
      );
    } finally {
      setHashing(false);
    }
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void take(event.dataTransfer.files[0]);
  };

  return (
    <div
      className={dragging ? 'dropzone dragging' : 'dropzone'}
      data-testid="evidence-dropzone"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <label className="stack">
        Evidence file (drop it here or choose it; it is hashed in your browser and never uploaded)
        <input type="file" onChange={(event) => void take(event.target.files?.[0])} />
      </label>
      {hashing && (
        <p className="muted" role="status">
          Hashing…
        </p>
      )}
      {value !== undefined && !hashing && (
        <p data-testid="evidence-hash">
          {value.name} ({value.size.toLocaleString()} bytes) · SHA-256{' '}
          <code className="hash">{value.sha256}</code> <CopyButton value={value.sha256} what="SHA-256" />
        </p>
      )}
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
