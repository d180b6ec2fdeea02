// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice Development payout token shaped like USDC: 6 decimals, mintable by its owner.
/// @dev The owner is a constructor argument so the token can be deployed through a CREATE2 factory.
contract DevPayoutToken is ERC20, Ownable {
    constructor(address initialOwner) ERC20("Dev USD Coin", "dUSDC") Ownable(initialOwner) {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
