/**
 * Arrow-key moves in the hierarchy graph: tiers top to bottom (parents, the DID itself, its children),
 * nodes left to right in each. Up and down go to the nearest tier that has nodes, keeping the position
 * as far as that tier reaches; left and right stay in the tier; Home and End go to its ends.
 */
export interface NodePosition {
  tier: number;
  index: number;
}

export function nextNode(from: NodePosition, key: string, tierSizes: readonly number[]): NodePosition | null {
  const size = tierSizes[from.tier] ?? 0;
  switch (key) {
    case "ArrowLeft":
      return from.index > 0 ? { tier: from.tier, index: from.index - 1 } : null;
    case "ArrowRight":
      return from.index < size - 1 ? { tier: from.tier, index: from.index + 1 } : null;
    case "Home":
      return size > 0 ? { tier: from.tier, index: 0 } : null;
    case "End":
      return size > 0 ? { tier: from.tier, index: size - 1 } : null;
    case "ArrowUp":
    case "ArrowDown": {
      const step = key === "ArrowUp" ? -1 : 1;
      for (let tier = from.tier + step; tier >= 0 && tier < tierSizes.length; tier += step) {
        const count = tierSizes[tier]!;
        if (count > 0) return { tier, index: Math.min(from.index, count - 1) };
      }
      return null;
    }
    default:
      return null;
  }
}
