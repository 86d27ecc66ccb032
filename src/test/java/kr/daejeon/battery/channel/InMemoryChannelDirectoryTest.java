package kr.daejeon.battery.channel;

import kr.daejeon.battery.infra.memory.InMemoryChannelDirectory;

class InMemoryChannelDirectoryTest extends ChannelDirectoryContract {

    @Override
    protected ChannelDirectory newDirectory() {
        return new InMemoryChannelDirectory();
    }
}
