package dev.continuo.bridge.service;

import dev.continuo.bridge.config.Platform;

/** The kind of per-user service each operating system has. */
public final class UserServices {

    private UserServices() {
    }

    public static UserService forPlatform(Platform platform) {
        return switch (platform.os()) {
            case LINUX -> new SystemdUserUnit(platform);
            case MAC -> new LaunchAgent(platform);
            case WINDOWS -> new WindowsStartupEntry(platform);
        };
    }
}
