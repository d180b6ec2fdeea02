import type { VoteType } from '@guildhall/sdk';
import { useState } from 'react';

/** A ballot's choice in Snapshot's format for its vote type, and the same in words; or why it is not valid yet. */
export type BallotValue = { choice: unknown; words: string } | { invalid: string };

const BASIC = ['For', 'Against', 'Abstain'];

/** The ballot of a vote type; reports its value on every change. */
export function Ballot({
  type,
  choices,
  onChange,
}: {
  type: VoteType;
  choices: readonly string[];
  onChange: (value: BallotValue) => void;
}) {
  const labels = type === 'BASIC' ? BASIC : choices;
  switch (type) {
    case 'BASIC':
    case 'SINGLE_CHOICE':
      return <SingleChoice labels={labels} onChange={onChange} />;
    case 'APPROVAL':
      return <Approval labels={labels} onChange={onChange} />;
    case 'WEIGHTED':
    case 'QUADRATIC':
      return <Weights labels={labels} quadratic={type === 'QUADRATIC'} onChange={onChange} />;
    case 'RANKED_CHOICE':
      return <Ranking labels={labels} onChange={onChange} />;
  }
}

function SingleChoice({
  labels,
  onChange,
}: {
  labels: readonly string[];
  onChange: (value: BallotValue) => void;
}) {
  const [picked, setPicked] = useState<number>();
  return (
    <fieldset>
      <legend>Your choice</legend>
      {labels.map((label, i) => (
        <label key={i} className="option">
          <input
            type="radio"
            name="choice"
            checked={picked === i + 1}
            onChange={() => {
              setPicked(i + 1);
              onChange({ choice: i + 1, words: `“${label}”` });
            }}
          />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  );
}

function Approval({
  labels,
  onChange,
}: {
  labels: readonly string[];
  onChange: (value: BallotValue) => void;
}) {
  const [approved, setApproved] = useState<ReadonlySet<number>>(new Set());
  const toggle = (choice: number) => {
    const next = new Set(approved);
    if (!next.delete(choice)) next.add(choice);
    setApproved(next);
    const sorted = [...next].sort((a, b) => a - b);
    onChange(
      sorted.length === 0
        ? { invalid: 'Approve at least one choice.' }
        : { choice: sorted, words: `approve ${sorted.map((c) => `“${labels[c - 1]}”`).join(', ')}` },
    );
  };
  return (
    <fieldset>
      <legend>Approve one or more choices</legend>
      {labels.map((label, i) => (
        <label key={i} className="option">
          <input type="checkbox" checked={approved.has(i + 1)} onChange={() => toggle(i + 1)} /> {label}
        </label>
      ))}
    </fieldset>
  );
}

function Weights({
  labels,
  quadratic,
  onChange,
}: {
  labels: readonly string[];
  quadratic: boolean;
  onChange: (value: BallotValue) => void;
}) {
  const [weights, setWeights] = useState<readonly string[]>(() => labels.map(() => ''));
  const update = (index: number, text: string) => {
    const next = weights.map((weight, i) => (i === index ? text : weight));
    setWeights(next);
    const bad = next.findIndex((weight) => weight !== '' && !/^\d+$/.test(weight.trim()));
    if (bad !== -1) return onChange({ invalid: `The weight of “${labels[bad]}” must be a whole number.` });
    const entries = next
      .map((weight, i) => [i + 1, weight === '' ? 0 : Number(weight)] as const)
      .filter(([, weight]) => weight > 0);
    if (entries.length === 0) return onChange({ invalid: 'Give at least one choice a weight above zero.' });
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    onChange({
      choice: Object.fromEntries(entries.map(([choice, weight]) => [String(choice), weight])),
      words: entries
        .map(([choice, weight]) => `${Math.round((weight / total) * 1000) / 10}% to “${labels[choice - 1]}”`)
        .join(', '),
    });
  };
  return (
    <fieldset>
      <legend>
        Spread your voting power
        {quadratic ? ' (quadratic: each choice counts the square root of its share)' : ''}
      </legend>
      {labels.map((label, i) => (
        <label key={i} className="option weight">
          <span>{label}</span>
          <input
            inputMode="numeric"
            aria-label={`Weight for ${label}`}
            value={weights[i]}
            onChange={(event) => update(i, event.target.value)}
          />
        </label>
      ))}
    </fieldset>
  );
}

function Ranking({
  labels,
  onChange,
}: {
  labels: readonly string[];
  onChange: (value: BallotValue) => void;
}) {
  const [order, setOrder] = useState<readonly number[]>(() => labels.map((_, i) => i + 1));
  const [touched, setTouched] = useState(false);
  const report = (next: readonly number[]) =>
    onChange({
      choice: [...next],
      words: `rank ${next.map((c, i) => `${i + 1}. “${labels[c - 1]}”`).join(', ')}`,
    });
  const move = (from: number, to: number) => {
    const next = [...order];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    setOrder(next);
    setTouched(true);
    report(next);
  };
  return (
    <fieldset>
      <legend>Rank every choice, most preferred first</legend>
      <ol className="ranking">
        {order.map((choice, i) => (
          <li key={choice}>
            <span>{labels[choice - 1]}</span>
            <button
              type="button"
              disabled={i === 0}
              aria-label={`Move “${labels[choice - 1]}” up`}
              onClick={() => move(i, i - 1)}
            >
              ↑
            </button>
            <button
              type="button"
              disabled={i === order.length - 1}
              aria-label={`Move “${labels[choice - 1]}” down`}
              onClick={() => move(i, i + 1)}
            >
              ↓
            </button>
          </li>
        ))}
      </ol>
      {!touched && (
        <button type="button" onClick={() => (setTouched(true), report(order))}>
          Keep this order
        </button>
      )}
    </fieldset>
  );
}
